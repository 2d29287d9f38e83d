using GaiaX.Oid4vc.Compliance;
using GaiaX.Oid4vc.Issuer;
using GaiaX.Oid4vc.Notary;
using GaiaX.Oid4vc.Testing;
using GaiaX.Oid4vc.Verifier;
using Microsoft.AspNetCore.Builder;

namespace GaiaX.Oid4vc.ServiceDefaults.Tests;

/// <summary>The four services, so each shared behaviour is checked on every one of them.</summary>
public static class ServiceCatalog
{
    public static TheoryData<string> Names => new() { "Issuer", "Verifier", "Notary", "Compliance" };

    public static Func<string[], Action<WebApplicationBuilder>, WebApplication> Factory(string name) => name switch
    {
        "Issuer" => (a, c) => IssuerProgram.Create(a, c),
        "Verifier" => (a, c) => VerifierProgram.Create(a, c),
        "Notary" => (a, c) => NotaryProgram.Create(a, c),
        "Compliance" => (a, c) => ComplianceProgram.Create(a, c),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
    };

    public static Task<TestServiceHost> StartAsync(string name, IEnumerable<string>? args = null, Action<WebApplication>? beforeStart = null) =>
        TestServiceHost.StartAsync(Factory(name), name, args, beforeStart: beforeStart);
}
