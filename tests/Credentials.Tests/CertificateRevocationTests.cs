using System.Security.Cryptography;
using GaiaX.Oid4vc.Credentials.Jose;
using GaiaX.Oid4vc.Credentials.X509;
using GaiaX.Oid4vc.Testing;

namespace GaiaX.Oid4vc.Credentials.Tests;

/// <summary>
/// A chain validator given a revocation list (SHA-256 of the DER, as the Registry publishes it) refuses every chain that
/// holds, or is built through, a revoked certificate, and says which one.
/// </summary>
public sealed class CertificateRevocationTests : IDisposable
{
    private readonly TestPki _pki = new("Revocation Test Root", withIntermediate: true);
    private readonly ECDsa _key = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    private CertificateChainValidator Validator(params string[] revoked) =>
        new(new TrustAnchors([_pki.Root]), TimeProvider.System, revoked.ToHashSet(StringComparer.Ordinal));

    [Fact]
    public void Without_revocations_the_chain_through_the_intermediate_validates()
    {
        var chain = _pki.IssueChain(_key, "Leaf");

        Assert.True(Validator().Validate(chain).Succeeded);
    }

    [Fact]
    public void A_chain_through_a_revoked_intermediate_is_refused_naming_the_certificate()
    {
        var chain = _pki.IssueChain(_key, "Leaf");

        var result = Validator(CertificateChainValidator.Sha256Of(_pki.Intermediate!)).Validate(chain);

        Assert.False(result.Succeeded);
        Assert.Equal(VerificationFailure.CertificateRevoked, result.Error!.Reason);
        Assert.Contains(_pki.Intermediate!.Subject, result.Error!.Message, StringComparison.Ordinal);
        Assert.Contains("revoked", result.Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_revoked_leaf_is_refused()
    {
        var chain = _pki.IssueChain(_key, "Revoked Leaf");

        var result = Validator(CertificateChainValidator.Sha256Of(chain[0])).Validate(chain);

        Assert.Equal(VerificationFailure.CertificateRevoked, result.Error!.Reason);
    }

    [Fact]
    public void A_revoked_anchor_refuses_the_chains_built_to_it_though_the_caller_did_not_send_it()
    {
        var chain = _pki.IssueChain(_key, "Leaf");
        Assert.DoesNotContain(chain, c => c.RawData.SequenceEqual(_pki.Root.RawData));

        var result = Validator(CertificateChainValidator.Sha256Of(_pki.Root).ToLowerInvariant()).Validate(chain);

        Assert.Equal(VerificationFailure.CertificateRevoked, result.Error!.Reason);
        Assert.Contains(_pki.Root.Subject, result.Error!.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _pki.Dispose();
        _key.Dispose();
    }
}
