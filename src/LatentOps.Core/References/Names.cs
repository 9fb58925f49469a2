using System.Text.RegularExpressions;
using LatentOps.Core.Errors;

namespace LatentOps.Core.References;

/// <summary>
/// The rule for user-chosen names (datasets, models, aliases, experiments): letters, digits, '_', '-'
/// and '.', starting with a letter or digit, at most 128 characters. Keeps names safe in paths, URLs and
/// the reference syntax (':' and '@' are separators).
/// </summary>
public static partial class Names
{
    /// <summary>The longest name allowed.</summary>
    public const int MaxLength = 128;

    /// <summary>True when <paramref name="name"/> follows the rule.</summary>
    public static bool IsValid(string? name) => name is { Length: > 0 and <= MaxLength } && Pattern().IsMatch(name);

    /// <summary>Throws <see cref="ErrorCode.InvalidInput"/> naming the rule when <paramref name="name"/> breaks it.</summary>
    public static void Validate(string? name, string what)
    {
        if (!IsValid(name))
        {
            throw LatentOpsException.InvalidInput(
                $"'{name}' is not a valid {what} name: use letters, digits, '_', '-' and '.', starting with a letter or digit, at most {MaxLength} characters.");
        }
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_.-]*$")]
    private static partial Regex Pattern();
}
