using System.Globalization;
using LatentOps.Core.Errors;

namespace LatentOps.Core.References;

/// <summary>A model reference: <c>NAME@ALIAS</c> (e.g. <c>churn@champion</c>) or <c>NAME:VERSION</c> (e.g. <c>churn:3</c>).</summary>
/// <param name="Name">The registered model name.</param>
/// <param name="Version">The version, when given by number.</param>
/// <param name="Alias">The alias, when given by alias.</param>
public sealed record ModelRef(string Name, int? Version, string? Alias)
{
    /// <summary>Parses either form; <see cref="ErrorCode.InvalidInput"/> saying the forms when malformed.</summary>
    public static ModelRef Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var at = text.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0)
        {
            var name = text[..at];
            var alias = text[(at + 1)..];
            Names.Validate(name, "model");
            Names.Validate(alias, "alias");
            return new ModelRef(name, null, alias);
        }

        var colon = text.LastIndexOf(':');
        if (colon >= 0 && int.TryParse(text[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var version) && version >= 1)
        {
            var name = text[..colon];
            Names.Validate(name, "model");
            return new ModelRef(name, version, null);
        }

        throw LatentOpsException.InvalidInput($"'{text}' is not a model reference: use NAME@ALIAS (e.g. churn@champion) or NAME:VERSION (e.g. churn:3).");
    }

    /// <inheritdoc />
    public override string ToString() => Alias is not null ? $"{Name}@{Alias}" : $"{Name}:{Version!.Value.ToString(CultureInfo.InvariantCulture)}";
}
