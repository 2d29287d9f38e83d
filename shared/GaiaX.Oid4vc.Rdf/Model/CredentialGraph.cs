namespace GaiaX.Oid4vc.Rdf;

/// <summary>Views of a Verifiable Credential's RDF graph.</summary>
public static class CredentialGraph
{
    /// <summary><c>https://www.w3.org/2018/credentials#credentialSubject</c>.</summary>
    public static readonly Term CredentialSubject = Term.Iri("https://www.w3.org/2018/credentials#credentialSubject");

    /// <summary>
    /// The claims: every triple reachable from the credential subjects, without the credential's own
    /// triples (issuer, validity, proof, evidence). Shapes describe the subject; a credential typed
    /// with a Gaia-X class besides <c>VerifiableCredential</c> would otherwise be checked as one,
    /// against a closed shape that does not list the credential's properties.
    /// </summary>
    public static Graph SubjectClaims(Graph credential)
    {
        ArgumentNullException.ThrowIfNull(credential);
        var claims = new Graph();
        var credentials = new HashSet<Term>(credential.SubjectsOf(CredentialSubject));
        var visited = new HashSet<Term>();
        var queue = new Queue<Term>(credential.ObjectsOf(CredentialSubject).Where(n => !n.IsLiteral));
        var outgoing = new List<(Term Predicate, Term Object)>();
        while (queue.Count > 0)
        {
            var node = queue.Dequeue();
            if (credentials.Contains(node) || !visited.Add(node))
            {
                continue;
            }
            outgoing.Clear();
            credential.Outgoing(node, outgoing);
            foreach (var (p, o) in outgoing)
            {
                claims.Add(node, p, o);
                if (!o.IsLiteral)
                {
                    queue.Enqueue(o);
                }
            }
        }
        return claims;
    }
}
