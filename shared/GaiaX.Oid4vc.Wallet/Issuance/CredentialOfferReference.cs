using GaiaX.Oid4vc.Credentials.Protocol;

namespace GaiaX.Oid4vc.Wallet.Issuance;

/// <summary>
/// A credential offer as a wallet receives it (OpenID4VCI 1.0 §4.1.3): the offer itself
/// (<c>credential_offer</c>) or where to fetch it (<c>credential_offer_uri</c>), never both.
/// </summary>
public sealed record CredentialOfferReference(CredentialOffer? Offer, Uri? OfferUri)
{
    public static CredentialOfferReference Parse(string offerUri)
    {
        ArgumentException.ThrowIfNullOrEmpty(offerUri);
        if (!Uri.TryCreate(offerUri.Trim(), UriKind.Absolute, out var uri))
        {
            throw new WalletProtocolException("invalid_credential_offer", "The offer is not a URI.");
        }
        var parameters = QueryParameters.Parse(uri.Query);
        parameters.TryGetValue("credential_offer", out var byValue);
        parameters.TryGetValue("credential_offer_uri", out var byReference);
        if ((byValue is null) == (byReference is null))
        {
            throw new WalletProtocolException(
                "invalid_credential_offer",
                "Exactly one of credential_offer and credential_offer_uri must be present."
            );
        }
        if (byValue is not null)
        {
            return new CredentialOfferReference(CredentialOffer.Parse(byValue), null);
        }
        if (
            !Uri.TryCreate(byReference, UriKind.Absolute, out var reference)
            || (reference.Scheme != Uri.UriSchemeHttps && !(reference.Scheme == Uri.UriSchemeHttp && reference.IsLoopback))
        )
        {
            throw new WalletProtocolException("invalid_credential_offer", "credential_offer_uri must be an https URL.");
        }
        return new CredentialOfferReference(null, reference);
    }
}

/// <summary>Query string parsing with duplicate parameters refused (a duplicate is ambiguous, RFC 6749 §3.1).</summary>
internal static class QueryParameters
{
    public static Dictionary<string, string> Parse(string query)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var part in query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            var name = Uri.UnescapeDataString((eq < 0 ? part : part[..eq]).Replace('+', ' '));
            var value = eq < 0 ? string.Empty : Uri.UnescapeDataString(part[(eq + 1)..].Replace('+', ' '));
            if (!result.TryAdd(name, value))
            {
                throw new WalletProtocolException(ErrorCodes.InvalidRequest, $"The parameter {name} appears more than once.");
            }
        }
        return result;
    }
}
