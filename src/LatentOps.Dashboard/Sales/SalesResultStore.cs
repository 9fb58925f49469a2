using System.Collections.Concurrent;
using System.Text;
using LatentOps.Core.Serialization;
using LatentOps.Insights;
using LatentOps.Insights.Reporting;

namespace LatentOps.Dashboard.Sales;

/// <summary>
/// Sales analyses kept in the workspace, so they survive a restart: <c>insights/sales/&lt;id&gt;/</c>
/// holds the uploaded file, <c>job.json</c> (written when the analysis is queued), then
/// <c>result.json</c> and <c>report.html</c>, or <c>failed.txt</c> with the reason. Each is written to
/// a temporary file and renamed into place (a reader never sees half a file). A folder with
/// <c>job.json</c> and neither outcome is an analysis the server stopped during; it runs again at the
/// next start (<see cref="Interrupted"/>).
/// </summary>
internal sealed class SalesResultStore(string workspaceRoot)
{
    private const string JobFile = "job.json";
    private const string FailedFile = "failed.txt";

    private readonly ConcurrentDictionary<string, SalesInsightsResult> cache = new(StringComparer.Ordinal);

    public string Root { get; } = Path.Combine(workspaceRoot, "insights", "sales");

    public static bool IsValidId(string id) => id.Length is > 0 and <= 64 && id.All(c => char.IsAsciiLetterOrDigit(c) || c == '-');

    public string Folder(string id) => IsValidId(id) ? Path.Combine(Root, id) : throw new ArgumentException("Bad analysis id.", nameof(id));

    public static string NewId() => $"{DateTime.UtcNow:yyyyMMdd-HHmmss}-{Guid.NewGuid().ToString("N")[..6]}";

    /// <summary>Copies the upload into the analysis folder (atomically) and returns its path.</summary>
    public async Task<string> SaveUploadAsync(string id, string fileName, Stream content, CancellationToken cancellationToken)
    {
        var folder = Folder(id);
        Directory.CreateDirectory(folder);
        var extension = Path.GetExtension(fileName).ToLowerInvariant();
        if (extension is not (".csv" or ".tsv" or ".txt" or ".parquet" or ".jsonl" or ".gz"))
        {
            extension = ".csv";
        }

        var path = Path.Combine(folder, "upload" + extension);
        var temp = path + $".{Guid.NewGuid():N}.tmp";
        try
        {
            await using (var file = File.Create(temp))
            {
                await content.CopyToAsync(file, cancellationToken).ConfigureAwait(false);
                await file.FlushAsync(cancellationToken).ConfigureAwait(false);
            }

            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }

        return path;
    }

    /// <summary>Records that the analysis of <paramref name="fileName"/> is queued (the marker a restart resumes from).</summary>
    public void MarkQueued(string id, string fileName) =>
        WriteAtomic(Path.Combine(Folder(id), JobFile), LatentOpsJson.Serialize(new QueuedJob(fileName, DateTimeOffset.UtcNow)));

    /// <summary>Records why the analysis failed, so it is not run again and its page can say why.</summary>
    public void MarkFailed(string id, string error) => WriteAtomic(Path.Combine(Folder(id), FailedFile), error);

    /// <summary>Why the analysis failed, or null when it did not.</summary>
    public string? Failure(string id)
    {
        var path = IsValidId(id) ? Path.Combine(Folder(id), FailedFile) : null;
        return path is not null && File.Exists(path) ? File.ReadAllText(path) : null;
    }

    /// <summary>Analyses that were queued or running when the server stopped, oldest first.</summary>
    public IReadOnlyList<SalesUpload> Interrupted()
    {
        if (!Directory.Exists(Root))
        {
            return [];
        }

        var interrupted = new List<SalesUpload>();
        foreach (var folder in Directory.GetDirectories(Root).Order(StringComparer.Ordinal))
        {
            var id = Path.GetFileName(folder);
            var job = Path.Combine(folder, JobFile);
            if (!IsValidId(id) || !File.Exists(job) || File.Exists(Path.Combine(folder, "result.json")) || File.Exists(Path.Combine(folder, FailedFile)))
            {
                continue;
            }

            var upload = Directory.GetFiles(folder, "upload.*").FirstOrDefault(f => !f.EndsWith(".tmp", StringComparison.Ordinal));
            var fileName = LatentOpsJson.Deserialize<QueuedJob>(File.ReadAllText(job)).FileName;
            if (upload is null)
            {
                MarkFailed(id, $"The uploaded file '{fileName}' is missing from the workspace; upload it again.");
                continue;
            }

            interrupted.Add(new SalesUpload(id, fileName, upload));
        }

        return interrupted;
    }

    public async Task SaveAsync(string id, SalesInsightsResult result, CancellationToken cancellationToken)
    {
        var folder = Folder(id);
        await SalesInsightsReport.Create(result).SaveAsync(Path.Combine(folder, "report.html"), cancellationToken).ConfigureAwait(false);
        await WriteAtomicAsync(Path.Combine(folder, "result.json"), LatentOpsJson.Serialize(result), cancellationToken).ConfigureAwait(false);
        cache[id] = result;
    }

    public void Delete(string id)
    {
        try
        {
            Directory.Delete(Folder(id), recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }

    public async Task<SalesInsightsResult?> LoadAsync(string id, CancellationToken cancellationToken)
    {
        if (!IsValidId(id))
        {
            return null;
        }

        if (cache.TryGetValue(id, out var cached))
        {
            return cached;
        }

        var path = Path.Combine(Folder(id), "result.json");
        if (!File.Exists(path))
        {
            return null;
        }

        var result = LatentOpsJson.Deserialize<SalesInsightsResult>(await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false));
        cache[id] = result;
        return result;
    }

    public string? ReportPath(string id) =>
        IsValidId(id) && File.Exists(Path.Combine(Folder(id), "report.html")) ? Path.Combine(Folder(id), "report.html") : null;

    /// <summary>Finished analyses, newest first (id, file name, when).</summary>
    public IReadOnlyList<string> FinishedIds() =>
        !Directory.Exists(Root) ? [] :
        [.. Directory.GetDirectories(Root).Select(Path.GetFileName).OfType<string>()
            .Where(id => IsValidId(id) && File.Exists(Path.Combine(Root, id, "result.json")))
            .OrderByDescending(id => id, StringComparer.Ordinal)];

    private static void WriteAtomic(string path, string text)
    {
        var temp = path + $".{Guid.NewGuid():N}.tmp";
        try
        {
            File.WriteAllText(temp, text, Encoding.UTF8);
            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    private static async Task WriteAtomicAsync(string path, string text, CancellationToken cancellationToken)
    {
        var temp = path + $".{Guid.NewGuid():N}.tmp";
        try
        {
            await File.WriteAllTextAsync(temp, text, Encoding.UTF8, cancellationToken).ConfigureAwait(false);
            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    private sealed record QueuedJob(string FileName, DateTimeOffset Queued);
}
