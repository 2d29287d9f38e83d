using System.Globalization;

namespace GaiaX.Oid4vc.Dapr.StatusLists;

/// <summary>
/// Where a service serves its lists: <c>/status-lists/{n}</c> (Status List Token) and <c>/status-lists/{n}/revocation</c>,
/// <c>/status-lists/{n}/suspension</c> (BitstringStatusListCredential), under its public base URL.
/// </summary>
public sealed class StatusListUrls(Func<Uri> publicBaseUrl)
{
    public Uri Token(int list) => new(Base() + "status-lists/" + list.ToString(CultureInfo.InvariantCulture));

    public Uri Bitstring(int list, string purpose) => new(Token(list).AbsoluteUri + "/" + purpose);

    private string Base()
    {
        var url = publicBaseUrl().AbsoluteUri;
        return url.EndsWith('/') ? url : url + "/";
    }
}
