using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using GaiaX.Oid4vc.Credentials.SdJwt;
using GaiaX.Oid4vc.Credentials.VcJwt;
using GaiaX.Oid4vc.Issuer.Signing;
using Microsoft.Extensions.Options;
using GaiaX.Oid4vc.Credentials;

namespace GaiaX.Oid4vc.Issuer.Credentials;

/// <summary>Produces a signed credential of one format.</summary>
public interface ICredentialFormatter
{
    string Format { get; }

    string Issue(CredentialIssueContext context);
}
