using LatentOps.Governance.Sections;

namespace LatentOps.Governance.Datasheets;

/// <summary>The seven sections of a datasheet (Gebru et al. 2021) with the questions people answer in writing.</summary>
public static class DatasheetQuestions
{
    /// <summary>Why the dataset was created.</summary>
    public const string Motivation = "motivation";

    /// <summary>What is in it.</summary>
    public const string Composition = "composition";

    /// <summary>How it was collected.</summary>
    public const string Collection = "collection";

    /// <summary>Preprocessing, cleaning and labeling.</summary>
    public const string Preprocessing = "preprocessing";

    /// <summary>What it has been and should (not) be used for.</summary>
    public const string Uses = "uses";

    /// <summary>How it is shared.</summary>
    public const string Distribution = "distribution";

    /// <summary>Who maintains it and how.</summary>
    public const string Maintenance = "maintenance";

    /// <summary>The sections, in datasheet order, each with its questions.</summary>
    public static IReadOnlyList<WrittenSectionTemplate> Templates { get; } =
    [
        new(Motivation, "Motivation", "For what purpose was the dataset created? Was there a specific task or gap in mind? Who created it, on behalf of whom, and who paid for it?"),
        new(Composition, "Composition", "What do the rows represent (people, orders, loans...)? Is it a sample, and of what? What does the label mean and who decided it? Is anything missing, confidential or sensitive, or does it identify people?"),
        new(Collection, "Collection process", "How was the data acquired (systems, surveys, scraping), by whom, over what time frame? Were the people it is about told, and did they consent?"),
        new(Preprocessing, "Preprocessing, cleaning and labeling", "What was done to the data before it reached LatentOps (cleaning, filtering, joins, labeling)? Is the raw data kept, and where?"),
        new(Uses, "Uses", "What tasks has it been used for, and what should it not be used for? Is there anything about how it was collected that could harm people if used carelessly?"),
        new(Distribution, "Distribution", "Will it be shared outside the team or organisation? How, when, and under which licence or terms of use?"),
        new(Maintenance, "Maintenance", "Who maintains it and how can they be reached? Will it be updated (how often, by whom)? How are errors reported and fixed, and are old versions kept?"),
    ];
}
