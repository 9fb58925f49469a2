namespace LatentOps.Data.Tests;

/// <summary>Paths of the committed fixtures and of the shared real datasets (which may be absent).</summary>
internal static class Fixture
{
    public static string Path(params string[] parts) => System.IO.Path.Combine([AppContext.BaseDirectory, "Fixtures", .. parts]);

    /// <summary>The shared dataset folder (../shared/datasets beside the repository), or null when absent.</summary>
    public static string? Shared(params string[] parts)
    {
        foreach (var root in (string[])["/work/shared/datasets", System.IO.Path.Combine(RepositoryRoot(), "..", "shared", "datasets")])
        {
            var path = System.IO.Path.Combine([root, .. parts]);
            if (File.Exists(path))
            {
                return path;
            }
        }

        return null;
    }

    public static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(System.IO.Path.Combine(dir.FullName, "LatentOps.slnx")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? AppContext.BaseDirectory;
    }

    public static string TempFile(string name)
    {
        var folder = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "latentops-data-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        return System.IO.Path.Combine(folder, name);
    }
}
