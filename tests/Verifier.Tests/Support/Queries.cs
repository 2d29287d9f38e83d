using System.Text.Json.Nodes;

namespace Verifier.Tests.Support;

/// <summary>DCQL queries and credentials the flow tests share.</summary>
public static class Queries
{
    public const string EmployeeVct = "https://credentials.example.com/employee";

    public static JsonObject LegalPersonCredentialQuery(string id = "legal_person", JsonArray? values = null)
    {
        var claim = new JsonObject { ["path"] = new JsonArray("credentialSubject", "legalName") };
        if (values is not null)
        {
            claim["values"] = values;
        }
        return new JsonObject
        {
            ["id"] = id,
            ["format"] = "jwt_vc_json",
            ["meta"] = new JsonObject { ["type_values"] = new JsonArray(new JsonArray("LegalPerson")) },
            ["claims"] = new JsonArray(claim, new JsonObject { ["path"] = new JsonArray("credentialSubject", "countryCode") }),
        };
    }

    public static JsonObject EmployeeCredentialQuery(string id = "employee") => new()
    {
        ["id"] = id,
        ["format"] = "dc+sd-jwt",
        ["meta"] = new JsonObject { ["vct_values"] = new JsonArray(EmployeeVct) },
        ["claims"] = new JsonArray(
            new JsonObject { ["path"] = new JsonArray("given_name") },
            new JsonObject { ["path"] = new JsonArray("family_name") }),
    };

    public static JsonObject Dcql(params JsonObject[] credentialQueries) => new() { ["credentials"] = new JsonArray(credentialQueries) };

    public static JsonObject LegalPersonSubject(string legalName = "Example Corp", string country = "BE") => new()
    {
        ["id"] = "did:web:example-corp.example",
        ["legalName"] = legalName,
        ["countryCode"] = country,
    };

    public static JsonObject EmployeeClaims() => new()
    {
        ["given_name"] = "Ada",
        ["family_name"] = "Lovelace",
        ["email"] = "ada@example-corp.example",
    };

    public static JsonObject Request(JsonObject dcql, string? responseMode = null, string? prefix = null, string? method = null, string? redirectUri = null, bool compliance = true)
    {
        // The flows here follow a presentation through to the compliance event, so they ask for it.
        var body = new JsonObject { ["dcql_query"] = dcql, ["compliance"] = compliance };
        if (responseMode is not null)
        {
            body["response_mode"] = responseMode;
        }
        if (prefix is not null)
        {
            body["client_id_prefix"] = prefix;
        }
        if (method is not null)
        {
            body["request_uri_method"] = method;
        }
        if (redirectUri is not null)
        {
            body["redirect_uri"] = redirectUri;
        }
        return body;
    }
}
