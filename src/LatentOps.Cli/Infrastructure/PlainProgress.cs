using System.Diagnostics;
using System.Globalization;
using LatentOps.Core.Progress;

namespace LatentOps.Cli.Infrastructure;

/// <summary>
/// Progress as plain lines for logs: one when the stage changes, then at most one every
/// <see cref="Interval"/>, and one at the end. (Spectre's live bar prints nothing off a terminal.)
/// </summary>
internal sealed class PlainProgress : IProgress<ProgressUpdate>
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);
    private readonly TextWriter _writer;
    private readonly string _title;
    private readonly Stopwatch _sinceLast = Stopwatch.StartNew();
    private readonly Lock _gate = new();
    private string? _lastStage;
    private ProgressUpdate? _latest;
    private bool _latestPrinted = true;

    private PlainProgress(TextWriter writer, string title)
    {
        _writer = writer;
        _title = title;
    }

    public static async Task<T> RunAsync<T>(TextWriter writer, string title, Func<IProgress<ProgressUpdate>, Task<T>> work)
    {
        var progress = new PlainProgress(writer, title);
        var result = await work(progress).ConfigureAwait(false);
        progress.Flush();
        return result;
    }

    public void Report(ProgressUpdate value)
    {
        lock (_gate)
        {
            _latest = value;
            _latestPrinted = false;
            if (value.Stage != _lastStage || _sinceLast.Elapsed >= Interval || value.Fraction >= 1)
            {
                Print(value);
            }
        }
    }

    private void Flush()
    {
        lock (_gate)
        {
            if (!_latestPrinted && _latest is not null)
            {
                Print(_latest);
            }
        }
    }

    private void Print(ProgressUpdate value)
    {
        _lastStage = value.Stage;
        _latestPrinted = true;
        _sinceLast.Restart();
        _writer.WriteLine(Format(_title, value));
    }

    internal static string Format(string title, ProgressUpdate value)
    {
        var amount = value.Total is { } total
            ? string.Create(CultureInfo.InvariantCulture, $"{value.Done:0.##}/{total:0.##} ({value.Fraction:P0})")
            : string.Create(CultureInfo.InvariantCulture, $"{value.Done:0.##}");
        var detail = string.IsNullOrEmpty(value.Detail) ? string.Empty : $" {value.Detail}";
        return $"[{title}] {value.Stage} {amount}{detail}";
    }
}
