using GaiaX.Oid4vc.Credentials.RegistrationNumbers;
using GaiaX.Oid4vc.RegistrySandbox;

namespace GaiaX.Oid4vc.Notary.Tests;

public sealed class RegistrationNumberSyntaxTests
{
    [Theory]
    [InlineData("DE812345673", "DE812345673", "DE")]
    [InlineData("de 812 345 673", "DE812345673", "DE")]
    [InlineData("BE0412345614", "BE0412345614", "BE")]
    [InlineData("IT00743110157", "IT00743110157", "IT")]
    [InlineData("ATU13585627", "ATU13585627", "AT")]
    [InlineData("DK13585628", "DK13585628", "DK")]
    [InlineData("FI20774740", "FI20774740", "FI")]
    [InlineData("PL5260001246", "PL5260001246", "PL")]
    [InlineData("PT501964843", "PT501964843", "PT")]
    [InlineData("HR33392005961", "HR33392005961", "HR")]
    [InlineData("EL094259216", "EL094259216", "GR")]
    [InlineData("GR094259216", "EL094259216", "GR")]
    [InlineData("ESA28015865", "ESA28015865", "ES")]
    [InlineData("IE6388047V", "IE6388047V", "IE")]
    [InlineData("SE556000016701", "SE556000016701", "SE")]
    [InlineData("NL000099998B57", "NL000099998B57", "NL")]
    [InlineData("FR68900000001", "FR68900000001", "FR")]
    [InlineData("XI123456789", "XI123456789", "GB")]
    public void Vat_id_in_its_member_state_format_is_accepted_and_normalised(string input, string normalised, string country)
    {
        var result = RegistrationNumberSyntax.Check(RegistrationNumberType.VatId, input);
        Assert.True(result.IsValid, result.Error);
        Assert.Equal(normalised, result.Number!.Value);
        Assert.Equal(country, result.Number.CountryCode);
    }

    [Theory]
    [InlineData("DE812345674", "check digit")]
    [InlineData("BE0412345615", "check digit")]
    [InlineData("IT00743110158", "check digit")]
    [InlineData("ATU13585628", "check digit")]
    [InlineData("DK13585629", "check digit")]
    [InlineData("FI20774741", "check digit")]
    [InlineData("PL5260001247", "check digit")]
    [InlineData("PT501964844", "check digit")]
    [InlineData("HR33392005962", "check digit")]
    [InlineData("DE12345678", "followed by 9 digits")]
    [InlineData("NL123456789X01", "'B'")]
    [InlineData("US123456789", "not a country prefix")]
    [InlineData("123456789", "country prefix")]
    public void Vat_id_with_wrong_format_or_check_digit_is_rejected_naming_the_rule(string input, string expectedInMessage)
    {
        var result = RegistrationNumberSyntax.Check(RegistrationNumberType.VatId, input);
        Assert.False(result.IsValid);
        Assert.Contains(expectedInMessage, result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("984500DEMOCLOUD00089")]
    [InlineData("5299000J2N45DDNE4Y28")]
    [InlineData("529900t8bm49aursdo55")]
    public void Lei_with_valid_iso_17442_check_digits_is_accepted(string lei)
    {
        var result = RegistrationNumberSyntax.Check(RegistrationNumberType.LeiCode, lei);
        Assert.True(result.IsValid, result.Error);
        Assert.Equal(lei.ToUpperInvariant(), result.Number!.Value);
    }

    [Theory]
    [InlineData("984500DEMOCLOUD00088", "check digits")]
    [InlineData("5299000J2N45DDNE4Y82", "check digits")]
    [InlineData("984500DEMOCLOUD0008", "18 letters or digits")]
    [InlineData("984500DEMOCLOUD000AB", "2 check digits")]
    public void Lei_with_wrong_length_or_check_digits_is_rejected(string lei, string expectedInMessage)
    {
        var result = RegistrationNumberSyntax.Check(RegistrationNumberType.LeiCode, lei);
        Assert.False(result.IsValid);
        Assert.Contains(expectedInMessage, result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("DE8123456730000", true)]
    [InlineData("XI123456789000", true)]
    [InlineData("FR123456789012345", true)]
    [InlineData("FR1234567890123456", false)] // 16 characters after the country code
    [InlineData("DE", false)]
    [InlineData("US123456", false)] // not covered by the EU EORI service
    [InlineData("DE12345_6", false)]
    public void Eori_is_a_covered_country_code_and_up_to_15_alphanumerics(string eori, bool valid) =>
        Assert.Equal(valid, RegistrationNumberSyntax.Check(RegistrationNumberType.Eori, eori).IsValid);

    [Theory]
    [InlineData("DEK1101R.HRB116737", true)]
    [InlineData("FR7501.900000001", true)]
    [InlineData("NOBRREG.912345678", true)]
    [InlineData("ATFB.123456a", true)]
    [InlineData("DEK1101RHRB116737", false)] // no separator between register and number
    [InlineData("USNY.12345", false)] // not a BRIS country
    [InlineData("DE.12345", false)] // no register identifier
    [InlineData("DEK1101R.", false)]
    public void Euid_follows_the_bris_format(string euid, bool valid) =>
        Assert.Equal(valid, RegistrationNumberSyntax.Check(RegistrationNumberType.Euid, euid).IsValid);

    [Fact]
    public void Euid_keeps_the_case_of_the_registration_number()
    {
        var result = RegistrationNumberSyntax.Check(RegistrationNumberType.Euid, "atfb.123456a");
        Assert.Equal("ATFB.123456a", result.Number!.Value);
        Assert.Equal("AT", result.Number.CountryCode);
    }

    [Theory]
    [InlineData(RegistrationNumberType.TaxId, "12/345/67890", true)]
    [InlineData(RegistrationNumberType.TaxId, "-12345", false)]
    [InlineData(RegistrationNumberType.Local, "HRB 116737", true)]
    [InlineData(RegistrationNumberType.Local, "HRB<script>", false)]
    public void Tax_id_and_local_number_are_letters_digits_and_common_separators(RegistrationNumberType type, string value, bool valid) =>
        Assert.Equal(valid, RegistrationNumberSyntax.Check(type, value).IsValid);

    [Theory]
    [MemberData(nameof(AllTypes))]
    public void Empty_overlong_or_control_character_values_are_rejected_for_every_type(RegistrationNumberType type)
    {
        Assert.False(RegistrationNumberSyntax.Check(type, "").IsValid);
        Assert.False(RegistrationNumberSyntax.Check(type, new string('1', RegistrationNumberSyntax.MaxLength + 1)).IsValid);
        Assert.Contains("control character", RegistrationNumberSyntax.Check(type, "DE81234\u00007").Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_demo_company_number_passes_its_syntax_check()
    {
        foreach (var company in DemoCompanies.All)
        {
            foreach (var (type, value) in new[]
            {
                (RegistrationNumberType.VatId, company.VatId), (RegistrationNumberType.Eori, company.Eori),
                (RegistrationNumberType.LeiCode, company.Lei), (RegistrationNumberType.Euid, company.Euid),
            })
            {
                if (value is not null)
                {
                    Assert.True(RegistrationNumberSyntax.Check(type, value).IsValid, $"{company.LegalName} {type} {value}");
                }
            }
        }
        Assert.True(RegistrationNumberSyntax.Check(RegistrationNumberType.VatId, DemoCompanies.VatIdWithMemberStateDown).IsValid);
    }

    public static TheoryData<RegistrationNumberType> AllTypes() => new(RegistrationNumberTypes.All);
}
