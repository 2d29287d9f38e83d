using System.Text;
using GaiaX.Oid4vc.Compliance;
using GaiaX.Oid4vc.Compliance.Registry;
using GaiaX.Oid4vc.Credentials.DidWeb;
using GaiaX.Oid4vc.Dapr.Embedded;
using GaiaX.Oid4vc.Dapr.Hosting;
using GaiaX.Oid4vc.Issuer;
using GaiaX.Oid4vc.Notary;
using GaiaX.Oid4vc.RegistrySandbox;
using GaiaX.Oid4vc.ServiceDefaults;
using GaiaX.Oid4vc.Verifier;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace GaiaX.Oid4vc.DevHost;

/// <summary>A service DevHost started, and where it listens.</summary>
public sealed record RunningService(string Name, Uri BaseUrl, WebApplication App);
