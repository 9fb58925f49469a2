namespace LatentOps.Benchmarks.Monitoring;

public static partial class DriftValidation
{
    public static int Run(string[] args)
    {
        Console.Error.WriteLine("usage: drift-validation DATASETS_DIR OUTPUT.md");
        return args.Length == 0 ? 2 : 0;
    }
}
