using System.CommandLine;
using System.Globalization;
using System.Text;
using LatentOps.Cli.Infrastructure;
using LatentOps.Core.Errors;

namespace LatentOps.Cli.Commands.Governance;

/// <summary>What the card and datasheet commands share: the format and output options, and the atomic file write.</summary>
internal static class GovernanceOutput
{
    public static Option<string> FormatOption() => new Option<string>("--format")
    {
        Description = "md (Markdown, to keep in git) or html (a self-contained page for people who do not use a terminal).",
        DefaultValueFactory = _ => "md",
        HelpName = "md|html",
    }.AcceptOnlyFromAmong("md", "html");

    public static Option<string?> OutOption(string what) => new("--out")
    {
        Description = $"Where to write the {what}. Default: reports/NAME-vVERSION-{what}.md (or .html) in the workspace.",
        HelpName = "FILE",
    };

    public static string PathFor(CommandContext context, string? explicitPath, string name, int version, string kind, string format) =>
        explicitPath is not null
            ? context.Environment.ResolvePath(explicitPath)
            : Path.Combine(context.Workspace.Root, "reports", string.Create(CultureInfo.InvariantCulture, $"{name}-v{version}-{kind}.{format}"));

    /// <summary>Writes <paramref name="content"/> to <paramref name="path"/> atomically (temporary file, then rename).</summary>
    public static async Task WriteAsync(string path, string content, CancellationToken cancellationToken)
    {
        var temp = $"{path}.{Guid.NewGuid():N}.tmp";
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await File.WriteAllTextAsync(temp, content, new UTF8Encoding(false), cancellationToken).ConfigureAwait(false);
            File.Move(temp, path, overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw LatentOpsException.InvalidInput($"Cannot write '{path}': {ex.Message}. Pass another --out.", ex);
        }
        finally
        {
            File.Delete(temp);
        }
    }
}
