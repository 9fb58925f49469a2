using System.Text;
using System.Text.RegularExpressions;
using LatentOps.Core.Errors;
using LatentOps.Core.References;

namespace LatentOps.Governance.Sections;

/// <summary>
/// Keeps the sections people write (intended use, limitations, motivation, ...) in a Markdown file in
/// the workspace, <c>governance/&lt;kind&gt;/&lt;name&gt;.md</c>, one file per model or dataset name
/// (every version shares it, so a new version inherits the text). Each section sits between
/// <c>&lt;!-- latentops:begin KEY --&gt;</c> and <c>&lt;!-- latentops:end KEY --&gt;</c>; people edit
/// the text in any editor. Regenerating a card never rewrites what is there: a missing file is created
/// from the templates, and sections missing from an existing file are appended after its content.
/// Every write is atomic (temporary file, then rename).
/// </summary>
public static partial class WrittenSections
{
    /// <summary>The folder kind for model cards.</summary>
    public const string CardsKind = "cards";

    /// <summary>The folder kind for datasheets.</summary>
    public const string DatasheetsKind = "datasheets";

    /// <summary>The file of <paramref name="name"/>'s written sections: <c>&lt;workspace&gt;/governance/&lt;kind&gt;/&lt;name&gt;.md</c>.</summary>
    public static string PathFor(string workspaceRoot, string kind, string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(workspaceRoot);
        ArgumentException.ThrowIfNullOrEmpty(kind);
        Names.Validate(name, kind == CardsKind ? "model" : "dataset");
        return Path.Combine(Path.GetFullPath(workspaceRoot), "governance", kind, name + ".md");
    }

    /// <summary>
    /// Reads the sections of <paramref name="path"/> without writing anything: expected sections missing
    /// from the file (or the whole file) come back empty.
    /// </summary>
    public static WrittenDocument Read(string path, IReadOnlyList<WrittenSectionTemplate> templates)
    {
        ArgumentNullException.ThrowIfNull(templates);
        if (!File.Exists(path))
        {
            return new WrittenDocument(path, templates.Select(t => new WrittenSection(t.Key, t.Title, t.Guidance, string.Empty)).ToList(), false, null);
        }

        var text = ReadText(path);
        return new WrittenDocument(path, Merge(Parse(text, path), templates), true, File.GetLastWriteTimeUtc(path));
    }

    /// <summary>
    /// Makes sure the file exists and holds a marked block for every template, then reads it. A missing
    /// file is created (heading, how-to comment, one empty block per template); an existing file keeps
    /// all its content byte for byte, and blocks for templates it lacks are appended at its end.
    /// </summary>
    /// <param name="path">The file (see <see cref="PathFor"/>).</param>
    /// <param name="heading">The first line of a new file, e.g. "Model card of churn: written sections".</param>
    /// <param name="templates">The sections expected.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    public static async Task<WrittenDocument> EnsureAsync(string path, string heading, IReadOnlyList<WrittenSectionTemplate> templates, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(templates);
        var exists = File.Exists(path);
        var existing = exists ? ReadText(path) : null;
        var present = existing is null ? [] : Parse(existing, path).Select(s => s.Key).ToHashSet(StringComparer.Ordinal);
        var missing = templates.Where(t => !present.Contains(t.Key)).ToList();
        if (missing.Count > 0)
        {
            var content = new StringBuilder();
            if (existing is null)
            {
                content.Append("# ").Append(heading).Append("\n\n")
                    .Append("<!-- Written by people, kept by LatentOps. Write your answer between a section's\n")
                    .Append("     'latentops:begin' and 'latentops:end' markers and keep the markers: regenerating the\n")
                    .Append("     card or datasheet never changes this file except to add sections it lacks.\n")
                    .Append("     Comments like the questions below are not shown. Markdown is fine. -->\n");
            }
            else
            {
                content.Append(existing);
                if (!existing.EndsWith('\n'))
                {
                    content.Append('\n');
                }
            }

            foreach (var template in missing)
            {
                content.Append('\n').Append(Block(template.Key, template.Title, $"<!-- {template.Guidance} -->"));
            }

            await WriteAtomicAsync(path, content.ToString(), cancellationToken).ConfigureAwait(false);
        }

        return Read(path, templates);
    }

    /// <summary>
    /// Replaces the text of one section (e.g. from a web form), keeping every other byte of the file; adds
    /// the section at the end when the file lacks it. Atomic.
    /// </summary>
    /// <exception cref="LatentOpsException"><c>InvalidInput</c> when the text contains a section marker, or the key is not an expected one.</exception>
    public static async Task<WrittenDocument> SetAsync(string path, string heading, IReadOnlyList<WrittenSectionTemplate> templates, string key, string text, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(templates);
        ArgumentNullException.ThrowIfNull(text);
        var template = templates.FirstOrDefault(t => t.Key == key)
            ?? throw LatentOpsException.InvalidInput($"'{key}' is not a written section here; sections: {string.Join(", ", templates.Select(t => t.Key))}.");
        if (text.Contains("latentops:begin", StringComparison.Ordinal) || text.Contains("latentops:end", StringComparison.Ordinal))
        {
            throw LatentOpsException.InvalidInput($"The text for section '{key}' contains a 'latentops:begin/end' marker; remove it.");
        }

        await EnsureAsync(path, heading, templates, cancellationToken).ConfigureAwait(false);
        var content = ReadText(path);
        var match = BlockPattern().Matches(content).First(m => m.Groups["key"].Value == key);
        var inner = match.Groups["body"];
        var replacement = $"\n<!-- {template.Guidance} -->\n{text.Trim()}\n";
        var updated = string.Concat(content.AsSpan(0, inner.Index), replacement, content.AsSpan(inner.Index + inner.Length));
        await WriteAtomicAsync(path, updated, cancellationToken).ConfigureAwait(false);
        return Read(path, templates);
    }

    /// <summary>The Markdown of one marked block (heading, markers, body).</summary>
    internal static string Block(string key, string title, string body) =>
        $"## {title}\n<!-- latentops:begin {key} -->\n{body}\n<!-- latentops:end {key} -->\n";

    internal static IReadOnlyList<(string Key, string Title, string Text)> Parse(string content, string path)
    {
        var sections = new List<(string, string, string)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (Match match in BlockPattern().Matches(content))
        {
            var key = match.Groups["key"].Value;
            if (!seen.Add(key))
            {
                throw LatentOpsException.InvalidInput($"'{path}' has two sections marked '{key}' (line {Line(content, match.Index)}); keep one.");
            }

            var before = content[..match.Index].TrimEnd('\r', '\n', ' ', '\t');
            var lastLine = before[(before.LastIndexOf('\n') + 1)..];
            var title = lastLine.StartsWith('#') ? lastLine.TrimStart('#').Trim() : key;
            sections.Add((key, title, Clean(match.Groups["body"].Value)));
        }

        var opened = BeginPattern().Matches(content).Count;
        if (opened != sections.Count)
        {
            var unclosed = BeginPattern().Matches(content).First(m => !seen.Contains(m.Groups["key"].Value) || content.IndexOf($"<!-- latentops:end {m.Groups["key"].Value} -->", m.Index, StringComparison.Ordinal) < 0);
            throw LatentOpsException.InvalidInput($"'{path}' line {Line(content, unclosed.Index)}: section '{unclosed.Groups["key"].Value}' has a begin marker without its '<!-- latentops:end {unclosed.Groups["key"].Value} -->'; add it back.");
        }

        return sections;
    }

    private static List<WrittenSection> Merge(IReadOnlyList<(string Key, string Title, string Text)> parsed, IReadOnlyList<WrittenSectionTemplate> templates)
    {
        var byKey = parsed.ToDictionary(p => p.Key, StringComparer.Ordinal);
        var result = templates.Select(t => new WrittenSection(t.Key, t.Title, t.Guidance, byKey.TryGetValue(t.Key, out var p) ? p.Text : string.Empty)).ToList();
        var expected = templates.Select(t => t.Key).ToHashSet(StringComparer.Ordinal);
        result.AddRange(parsed.Where(p => !expected.Contains(p.Key)).Select(p => new WrittenSection(p.Key, p.Title, string.Empty, p.Text)));
        return result;
    }

    private static string Clean(string body) => CommentPattern().Replace(body, string.Empty).Replace("\r\n", "\n", StringComparison.Ordinal).Trim();

    private static int Line(string content, int index) => content.AsSpan(0, index).Count('\n') + 1;

    private static string ReadText(string path)
    {
        try
        {
            return File.ReadAllText(path, Encoding.UTF8);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw LatentOpsException.InvalidState($"Cannot read the written sections file '{path}': {ex.Message}", ex);
        }
    }

    internal static async Task WriteAtomicAsync(string path, string content, CancellationToken cancellationToken)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temp = $"{full}.{Guid.NewGuid():N}.tmp";
        try
        {
            await File.WriteAllTextAsync(temp, content, new UTF8Encoding(false), cancellationToken).ConfigureAwait(false);
            File.Move(temp, full, overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw LatentOpsException.InvalidState($"Cannot write '{full}': {ex.Message}", ex);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    [GeneratedRegex(@"<!--\s*latentops:begin\s+(?<key>[A-Za-z0-9_.-]+)\s*-->(?<body>.*?)<!--\s*latentops:end\s+\k<key>\s*-->", RegexOptions.Singleline)]
    private static partial Regex BlockPattern();

    [GeneratedRegex(@"<!--\s*latentops:begin\s+(?<key>[A-Za-z0-9_.-]+)\s*-->")]
    private static partial Regex BeginPattern();

    [GeneratedRegex(@"<!--.*?-->", RegexOptions.Singleline)]
    private static partial Regex CommentPattern();
}
