using LatentOps.Core.Progress;
using Spectre.Console;

namespace LatentOps.Cli.Infrastructure;

/// <summary>A live Spectre.Console progress bar on stderr, for interactive terminals.</summary>
internal sealed class TerminalProgress : IProgress<ProgressUpdate>
{
    private readonly ProgressTask _task;

    private TerminalProgress(ProgressTask task) => _task = task;

    public static Task<T> RunAsync<T>(TextWriter writer, string title, Func<IProgress<ProgressUpdate>, Task<T>> work)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(writer) });
        return console.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask(Markup.Escape(title), maxValue: 1);
                var result = await work(new TerminalProgress(task)).ConfigureAwait(false);
                task.Value = task.MaxValue;
                task.StopTask();
                return result;
            });
    }

    public void Report(ProgressUpdate value)
    {
        if (value.Total is { } total && total > 0)
        {
            _task.MaxValue = total;
            _task.Value = Math.Min(value.Done, total);
        }
        else
        {
            _task.IsIndeterminate = true;
        }

        var detail = string.IsNullOrEmpty(value.Detail) ? string.Empty : $" · {value.Detail}";
        _task.Description = Markup.Escape($"{value.Stage}{detail}");
    }
}
