namespace GaiaX.Oid4vc.Rdf;

/// <summary>IRI helpers: absolute-IRI test and RFC 3986 reference resolution (section 5.2).</summary>
public static class Iri
{
    /// <summary>Whether the text starts with a scheme (<c>ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ) ":"</c>).</summary>
    public static bool IsAbsolute(string iri)
    {
        ArgumentNullException.ThrowIfNull(iri);
        if (iri.Length == 0 || !char.IsAsciiLetter(iri[0]))
        {
            return false;
        }
        for (var i = 1; i < iri.Length; i++)
        {
            var c = iri[i];
            if (c == ':')
            {
                return true;
            }
            if (!char.IsAsciiLetterOrDigit(c) && c != '+' && c != '-' && c != '.')
            {
                return false;
            }
        }
        return false;
    }

    /// <summary>Resolves <paramref name="reference"/> against <paramref name="baseIri"/> (RFC 3986 §5.2, strict).</summary>
    public static string Resolve(string? baseIri, string reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        if (IsAbsolute(reference) || string.IsNullOrEmpty(baseIri))
        {
            return IsAbsolute(reference) ? WithDotSegmentsRemoved(reference) : reference;
        }
        var (bScheme, bAuthority, bPath, bQuery, _) = Split(baseIri);
        var (_, rAuthority, rPath, rQuery, rFragment) = Split(reference);
        string? authority;
        string path;
        string? query;
        if (rAuthority is not null)
        {
            authority = rAuthority;
            path = RemoveDotSegments(rPath);
            query = rQuery;
        }
        else
        {
            authority = bAuthority;
            if (rPath.Length == 0)
            {
                path = bPath;
                query = rQuery ?? bQuery;
            }
            else
            {
                if (rPath[0] == '/')
                {
                    path = RemoveDotSegments(rPath);
                }
                else
                {
                    string merged;
                    if (bAuthority is not null && bPath.Length == 0)
                    {
                        merged = "/" + rPath;
                    }
                    else
                    {
                        var slash = bPath.LastIndexOf('/');
                        merged = slash >= 0 ? string.Concat(bPath.AsSpan(0, slash + 1), rPath) : rPath;
                    }
                    path = RemoveDotSegments(merged);
                }
                query = rQuery;
            }
        }
        var result = bScheme + ":";
        if (authority is not null)
        {
            result += "//" + authority;
        }
        result += path;
        if (query is not null)
        {
            result += "?" + query;
        }
        if (rFragment is not null)
        {
            result += "#" + rFragment;
        }
        return result;
    }

    private static string WithDotSegmentsRemoved(string iri)
    {
        if (!iri.Contains("/.", StringComparison.Ordinal))
        {
            return iri;
        }
        var (scheme, authority, path, query, fragment) = Split(iri);
        var result = scheme + ":" + (authority is null ? "" : "//" + authority) + RemoveDotSegments(path);
        if (query is not null)
        {
            result += "?" + query;
        }
        if (fragment is not null)
        {
            result += "#" + fragment;
        }
        return result;
    }

    private static (string? Scheme, string? Authority, string Path, string? Query, string? Fragment) Split(string iri)
    {
        string? scheme = null,
            authority = null,
            query = null,
            fragment = null;
        var rest = iri;
        var hash = rest.IndexOf('#', StringComparison.Ordinal);
        if (hash >= 0)
        {
            fragment = rest[(hash + 1)..];
            rest = rest[..hash];
        }
        var q = rest.IndexOf('?', StringComparison.Ordinal);
        if (q >= 0)
        {
            query = rest[(q + 1)..];
            rest = rest[..q];
        }
        if (IsAbsolute(rest))
        {
            var colon = rest.IndexOf(':', StringComparison.Ordinal);
            scheme = rest[..colon];
            rest = rest[(colon + 1)..];
        }
        if (rest.StartsWith("//", StringComparison.Ordinal))
        {
            var end = rest.IndexOf('/', 2);
            authority = end < 0 ? rest[2..] : rest[2..end];
            rest = end < 0 ? "" : rest[end..];
        }
        return (scheme, authority, rest, query, fragment);
    }

    private static string RemoveDotSegments(string path)
    {
        if (!path.Contains('.', StringComparison.Ordinal))
        {
            return path;
        }
        var input = path;
        var output = new List<string>();
        while (input.Length > 0)
        {
            if (input.StartsWith("../", StringComparison.Ordinal))
            {
                input = input[3..];
            }
            else if (input.StartsWith("./", StringComparison.Ordinal))
            {
                input = input[2..];
            }
            else if (input.StartsWith("/./", StringComparison.Ordinal))
            {
                input = input[2..];
            }
            else if (input == "/.")
            {
                input = "/";
            }
            else if (input.StartsWith("/../", StringComparison.Ordinal) || input == "/..")
            {
                input = input == "/.." ? "/" : input[3..];
                if (output.Count > 0)
                {
                    output.RemoveAt(output.Count - 1);
                }
            }
            else if (input is "." or "..")
            {
                input = "";
            }
            else
            {
                var start = input[0] == '/' ? 1 : 0;
                var next = input.IndexOf('/', start);
                var segment = next < 0 ? input : input[..next];
                output.Add(segment);
                input = next < 0 ? "" : input[next..];
            }
        }
        return string.Concat(output);
    }
}
