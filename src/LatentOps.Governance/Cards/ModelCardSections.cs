using LatentOps.Governance.Sections;

namespace LatentOps.Governance.Cards;

/// <summary>The sections of a model card that people write (Mitchell et al. 2019), kept across regeneration.</summary>
public static class ModelCardSections
{
    /// <summary>Who owns the model and is accountable for it.</summary>
    public const string Owners = "owners";

    /// <summary>What the model is for.</summary>
    public const string IntendedUse = "intended-use";

    /// <summary>What it must not be used for.</summary>
    public const string OutOfScope = "out-of-scope";

    /// <summary>Sensitive data, people affected, risks and mitigations.</summary>
    public const string EthicalConsiderations = "ethical-considerations";

    /// <summary>Where it is weak or untested.</summary>
    public const string Limitations = "limitations";

    /// <summary>What users should know or do.</summary>
    public const string CaveatsAndRecommendations = "caveats-recommendations";

    /// <summary>The written sections, in card order.</summary>
    public static IReadOnlyList<WrittenSectionTemplate> Templates { get; } =
    [
        new(Owners, "Owners and contact", "Who owns this model (team, person, contact) and who is accountable for the decisions it informs?"),
        new(IntendedUse, "Intended use", "What is the model for? Who uses it, for which decisions, on which people or data, in which setting?"),
        new(OutOfScope, "Out-of-scope uses", "Which uses is the model not suited for, or not allowed for? Name populations, decisions and data it must not be used on."),
        new(EthicalConsiderations, "Ethical considerations", "Does it use sensitive or personal data, or affect people's lives, money or access? Which risks and harms were considered, and what was done about them?"),
        new(Limitations, "Limitations", "Where does it perform poorly or was never tested (groups, time ranges, regions, kinds of input it never saw)?"),
        new(CaveatsAndRecommendations, "Caveats and recommendations", "What should users know or do (thresholds to use, human review, how often to retrain, whom to tell when it goes wrong)?"),
    ];
}
