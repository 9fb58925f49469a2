using LatentOps.Core.Errors;

namespace LatentOps.Cli.Commands.Quickstart;

/// <summary>
/// The small real datasets shipped in <c>samples/</c> and copied next to the binary, so the
/// quickstart never needs anything outside the repository.
/// </summary>
internal static class SampleData
{
    public const string LendingClub = "lending_club.csv";

    public static string Path(string fileName)
    {
        var path = System.IO.Path.Combine(AppContext.BaseDirectory, "samples", fileName);
        return File.Exists(path)
            ? path
            : throw LatentOpsException.NotFound($"The shipped sample '{fileName}' is missing from '{System.IO.Path.GetDirectoryName(path)}'. Rebuild the CLI (dotnet build) to copy samples/ next to it.");
    }
}
