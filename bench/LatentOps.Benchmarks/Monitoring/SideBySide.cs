namespace LatentOps.Benchmarks;

/// <summary>Named side-by-side runners that the scripts in bench/scripts/ call (outside BenchmarkDotNet).</summary>
public static class SideBySide
{
    public static bool TryRun(string[] args, out int exitCode)
    {
        switch (args[0])
        {
            case "mmd-side-by-side":
                exitCode = Monitoring.MmdSideBySide.Run(args[1..]);
                return true;
            case "mmd-stages":
                exitCode = Monitoring.MmdStages.Run(args[1..]);
                return true;
            case "drift-validation":
                exitCode = Monitoring.DriftValidation.Run(args[1..]);
                return true;
            default:
                exitCode = 0;
                return false;
        }
    }
}
