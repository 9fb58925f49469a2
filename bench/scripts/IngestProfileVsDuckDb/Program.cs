using System.Diagnostics;
using System.Globalization;
using DuckDB.NET.Data;
using LatentOps.Data.Profiling;
using LatentOps.Data.Reading;

// One engine, one run, in its own process (so peak memory is that engine's alone):
//   IngestProfileVsDuckDb latentops|duckdb FILE.csv THREADS
// Prints one JSON line: engine, rows, seconds, rows per second, peak resident memory (VmHWM).
if (args.Length < 2 || args[0] is not ("latentops" or "latentops-read" or "duckdb"))
{
    Console.Error.WriteLine("usage: IngestProfileVsDuckDb latentops|duckdb FILE.csv [THREADS]");
    return 2;
}

var engine = args[0];
var file = Path.GetFullPath(args[1]);
var threads = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : Environment.ProcessorCount;
var watch = Stopwatch.StartNew();
long rows;
string detail;
if (engine == "latentops-read")
{
    var table = await TableReader.ReadAsync(file);
    rows = table.RowCount;
    detail = $"read only; GC heap {GC.GetGCMemoryInfo().HeapSizeBytes / 1048576} MiB, peak so far {PeakResidentBytes() / 1048576} MiB";
}
else if (engine == "latentops")
{
    var table = await TableReader.ReadAsync(file);
    Console.Error.WriteLine($"after read: peak {PeakResidentBytes() / 1048576} MiB, heap {GC.GetGCMemoryInfo().HeapSizeBytes / 1048576} MiB");
    var profile = TableProfiler.Profile(table, new ProfileOptions { MaxDegreeOfParallelism = threads });
    rows = table.RowCount;
    detail = $"{profile.ColumnCount} columns profiled, {profile.DuplicateRowCount} duplicate rows";
}
else
{
    using var connection = new DuckDBConnection("DataSource=:memory:");
    connection.Open();
    using (var set = connection.CreateCommand())
    {
        set.CommandText = $"SET threads = {threads};";
        set.ExecuteNonQuery();
    }

    using var command = connection.CreateCommand();
    command.CommandText = $"SUMMARIZE SELECT * FROM read_csv('{file.Replace("'", "''", StringComparison.Ordinal)}')";
    using var reader = command.ExecuteReader();
    var columns = 0;
    rows = 0;
    while (reader.Read())
    {
        columns++;
        rows = Convert.ToInt64(reader["count"], CultureInfo.InvariantCulture);
    }

    detail = $"{columns} columns summarised";
}

var seconds = watch.Elapsed.TotalSeconds;
var peak = PeakResidentBytes();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"{{\"engine\":\"{engine}\",\"rows\":{rows},\"seconds\":{seconds:0.000},\"rowsPerSecond\":{rows / seconds:0},\"peakBytes\":{peak},\"fileBytes\":{new FileInfo(file).Length},\"threads\":{threads},\"detail\":\"{detail}\"}}"));
return 0;

static long PeakResidentBytes()
{
    foreach (var line in File.ReadLines("/proc/self/status"))
    {
        if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
        {
            return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
        }
    }

    return -1;
}
