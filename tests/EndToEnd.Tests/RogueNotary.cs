using System.Text.Json.Nodes;
using GaiaX.Oid4vc.Credentials.VcJwt;
using GaiaX.Oid4vc.Wallet.Participant;

namespace EndToEnd.Tests;

/// <summary>
/// A notary nobody trusts: a did:web on loopback with a key whose certificate chains to the development
/// CA (so signature and certificate checks pass), but absent from the registry's list of notaries.
/// </summary>
public sealed class RogueNotary : IAsyncDisposable
{
    private readonly DidDocumentHost _host;
    private readonly ParticipantIdentity _identity;
    private readonly string _folder;

    private RogueNotary(DidDocumentHost host, ParticipantIdentity identity, string folder)
    {
        _host = host;
        _identity = identity;
        _folder = folder;
    }

    public string Did => _identity.Did;

    public static async Task<RogueNotary> StartAsync()
    {
        var folder = Directory.CreateTempSubdirectory("gaiax-rogue-").FullName;
        var host = await DidDocumentHost.StartAsync();
        var identity = ParticipantIdentity.CreateDevelopment(host.BaseUrl, folder, OnboardingHarness.DevelopmentCaFolder, TimeProvider.System, "rogue-notary");
        host.Publish(identity.DidDocumentJson);
        return new RogueNotary(host, identity, folder);
    }

    public string VatIdCredential(string subjectId, string vatId)
    {
        var now = DateTimeOffset.UtcNow;
        var credential = new JsonObject
        {
            ["@context"] = new JsonArray(GaiaXCredentials.CredentialsV2Context, GaiaXCredentials.GaiaXContext),
            ["id"] = "urn:uuid:" + Guid.NewGuid().ToString("D"),
            ["type"] = new JsonArray("VerifiableCredential", "gx:VatID"),
            ["issuer"] = Did,
            ["validFrom"] = now.AddMinutes(-1).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture),
            ["validUntil"] = now.AddDays(90).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture),
            ["credentialSubject"] = new JsonObject { ["id"] = subjectId, ["type"] = "gx:VatID", ["gx:vatID"] = vatId, ["gx:countryCode"] = vatId[..2] },
        };
        return new VcJwtIssuer(TimeProvider.System).Issue(credential, _identity.Identity.SigningKey, Did);
    }

    public async ValueTask DisposeAsync()
    {
        _identity.Dispose();
        await _host.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }
}
