using System.Globalization;
using LatentOps.Core.Errors;

namespace LatentOps.Core.References;

/// <summary>A dataset reference as users type it: <c>NAME</c> (latest version) or <c>NAME:VERSION</c>.</summary>
/// <param name="Name">The dataset name.</param>
/// <param name="Version">The version number, or null for the latest.</param>
public sealed record DatasetRef(string Name, int? Version)
{
    /// <summary>Parses <c>NAME</c> or <c>NAME:VERSION</c>; <see cref="ErrorCode.InvalidInput"/> saying the form when malformed.</summary>
    public static DatasetRef Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var colon = text.LastIndexOf(':');
        var name = colon < 0 ? text : text[..colon];
        int? version = null;
        if (colon >= 0)
        {
            if (!int.TryParse(text[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var v) || v < 1)
            {
                throw LatentOpsException.InvalidInput($"'{text}' is not a dataset reference: the version after ':' must be a whole number >= 1 (e.g. sales:2).");
            }

            version = v;
        }

        Names.Validate(name, "dataset");
        return new DatasetRef(name, version);
    }

    /// <inheritdoc />
    public override string ToString() => Version is { } v ? $"{Name}:{v.ToString(CultureInfo.InvariantCulture)}" : Name;
}
