namespace GaiaX.Oid4vc.Compliance.Labels;

/// <summary>What a criterion is about: the service offering, or the provider (its <c>gx:LegalPerson</c>).</summary>
public enum CriterionSubject
{
    ServiceOffering,
    Provider,
}
