using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace GaiaX.Oid4vc.Notary.Registries;

/// <summary>SOAP 1.1 envelopes for the EU registries: built with an XmlWriter, read without DTDs or external entities.</summary>
internal static class Soap
{
    public const string EnvelopeNamespace = "http://schemas.xmlsoap.org/soap/envelope/";
    public const string MediaType = "text/xml";

    /// <summary>A request whose body is <paramref name="operation"/> in <paramref name="ns"/> with the given child elements (same
    /// namespace).</summary>
    public static HttpContent Request(string ns, string operation, params (string Name, string Value)[] children)
    {
        var text = new StringBuilder();
        using (var writer = XmlWriter.Create(text, new XmlWriterSettings { OmitXmlDeclaration = true, Encoding = Encoding.UTF8 }))
        {
            writer.WriteStartElement("soapenv", "Envelope", EnvelopeNamespace);
            writer.WriteStartElement("soapenv", "Body", EnvelopeNamespace);
            writer.WriteStartElement(operation, ns);
            foreach (var (name, value) in children)
            {
                writer.WriteElementString(name, ns, value);
            }
            writer.WriteEndElement();
            writer.WriteEndElement();
            writer.WriteEndElement();
        }
        var content = new StringContent(text.ToString(), Encoding.UTF8, MediaType);
        return content;
    }

    /// <summary>
    /// Parses an envelope. Returns the first element of the body, or the fault, or <see langword="null"/>
    /// when the text is not a SOAP 1.1 envelope.
    /// </summary>
    public static SoapMessage? Parse(string xml)
    {
        XDocument document;
        try
        {
            using var reader = XmlReader.Create(
                new StringReader(xml),
                new XmlReaderSettings
                {
                    DtdProcessing = DtdProcessing.Prohibit,
                    XmlResolver = null,
                    MaxCharactersInDocument = RegistryResilience.MaxResponseBytes,
                }
            );
            document = XDocument.Load(reader);
        }
        catch (XmlException)
        {
            return null;
        }

        XNamespace soap = EnvelopeNamespace;
        var body = document.Root is { } root && root.Name == soap + "Envelope" ? root.Element(soap + "Body") : null;
        var payload = body?.Elements().FirstOrDefault();
        if (payload is null)
        {
            return null;
        }
        if (payload.Name == soap + "Fault")
        {
            // SOAP 1.1 fault children are unqualified.
            return new SoapMessage(
                null,
                new SoapFault(
                    payload.Element("faultcode")?.Value.Trim() ?? string.Empty,
                    payload.Element("faultstring")?.Value.Trim() ?? string.Empty
                )
            );
        }
        return new SoapMessage(payload, null);
    }

    /// <summary>The text of the first child with this local name (the EU services mix qualified and unqualified children).</summary>
    public static string? Child(this XElement element, string localName) =>
        element.Elements().FirstOrDefault(e => e.Name.LocalName == localName)?.Value.Trim();

    public static XElement? ChildElement(this XElement element, string localName) =>
        element.Elements().FirstOrDefault(e => e.Name.LocalName == localName);
}

internal sealed record SoapMessage(XElement? Body, SoapFault? Fault);

internal sealed record SoapFault(string Code, string Text);
