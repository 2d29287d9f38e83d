using GaiaX.Oid4vc.Credentials.Protocol;

namespace GaiaX.Oid4vc.Issuer.Protocol;

/// <summary>Records behind a secret handle, each given out once.</summary>
public interface ISingleUseStore<T>
    where T : class
{
    Task StoreAsync(string handle, T record, CancellationToken cancellationToken);

    /// <summary>
    /// The record, consumed, unless <paramref name="refuse"/> finds fault with the request for it: then
    /// the record stays for a corrected request and that error is returned. An unknown, used or
    /// expired handle fails with <paramref name="unknown"/>.
    /// </summary>
    Task<Outcome<T>> ConsumeAsync(
        string handle,
        ProtocolError unknown,
        Func<T, ProtocolError?>? refuse,
        CancellationToken cancellationToken
    );
}
