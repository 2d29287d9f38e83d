using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace GaiaX.Oid4vc.Issuer.Management;

/// <summary>The scopes of the management API, one per kind of operation.</summary>
public static class ManagementScopes
{
    public const string OffersWrite = "issuer.offers.write";
    public const string OffersRead = "issuer.offers.read";

    public static IReadOnlyList<string> All { get; } = [OffersWrite, OffersRead];
}
