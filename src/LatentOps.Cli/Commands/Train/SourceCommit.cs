using System.Diagnostics;

namespace LatentOps.Cli.Commands.Train;

/// <summary>The git commit of the folder a run starts in, when it is a git checkout (lineage for runs).</summary>
internal static class SourceCommit
{
    public static string? Of(string folder)
    {
        try
        {
            var start = new ProcessStartInfo("git", ["rev-parse", "HEAD"])
            {
                WorkingDirectory = folder,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            using var git = Process.Start(start);
            if (git is null || !git.WaitForExit(2000))
            {
                git?.Kill();
                return null;
            }

            var commit = git.StandardOutput.ReadToEnd().Trim();
            return git.ExitCode == 0 && commit.Length == 40 ? commit : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null; // git is not installed: lineage simply has no commit.
        }
    }
}
