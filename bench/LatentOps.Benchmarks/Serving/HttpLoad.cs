using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using LatentOps.Learning.Torch;
using LatentOps.Serving;
using LatentOps.Serving.Inference;
using LatentOps.Store.Stores;
using LatentOps.Store.Tracking;
using LatentOps.Store.Workspaces;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LatentOps.Benchmarks.Serving;

/// <summary>
/// The HTTP half of the serving bench (after <c>serving local</c> wrote DIR):
///   serving http --export DIR [--threads T] [--seconds S] [--concurrency N] [--sizes 1,32,256] [--log-sample 1]
///     for each runtime / rows-per-request / batching setting, starts the server in a child process
///     (<c>serving serve</c>: real Kestrel on 127.0.0.1, the package registered in a fresh workspace,
///     no auth, request log sampling at --log-sample, default 1 = every request as the server's
///     default) and loads POST /predict from this process:
///     max = closed loop, N clients each sending its next request when the last answers;
///     half load = open loop, requests sent on a fixed schedule at half the max rate regardless of
///     answers, latency measured from each request's scheduled send time (so a stalled server is not
///     hidden by the generator waiting: no coordinated omission).
///     The server's CPU time (its own process) is read around each phase, and the same runtime is
///     timed in process at batch 256 just before, so ratios compare figures taken seconds apart.
///   serving serve --export DIR --runtime R --batching on|off [--threads T] [--log-sample P]   (the child)
/// </summary>
internal static class HttpLoad
{
    public static async Task<Dictionary<string, object>> RunAsync(string export, int threads, double seconds, int concurrency, int[] sizes, double logSample)
    {
        var rows = JsonSerializer.Deserialize<List<JsonElement>>(File.ReadAllText(Path.Combine(export, "rows.json")))!;
        var results = new List<object>();
        var configs = new List<(ServingRuntime Runtime, int RowsPerRequest, bool Batching)>();
        foreach (var size in sizes)
        {
            configs.Add((ServingRuntime.Int8, size, true));
            configs.Add((ServingRuntime.Int8, size, false));
        }

        configs.Add((ServingRuntime.Fp32, 1, true));
        configs.Add((ServingRuntime.Fp32, sizes.Max(), true));
        using var model = LatentOps.Learning.Packaging.ModelPackage.Load(Path.Combine(export, "model.lopkg"));
        var inputs = LatentOps.Learning.Packaging.ModelPackage.ReadManifest(Path.Combine(export, "model.lopkg")).Signature.Inputs.Select(i => new InputColumn(i.Name, i.Type, i.Nullable)).ToList();
        var encoded = new RequestEncoder(inputs, model.Preprocessor).EncodeBody(Encoding.UTF8.GetBytes("{\"rows\":" + File.ReadAllText(Path.Combine(export, "rows.json")) + "}"), 4096, keepRows: false).Encoded!;
        foreach (var (runtime, perRequest, batching) in configs)
        {
            double inProcess, inProcessCpu;
            using (var local = TabularRuntimes.Create(runtime, model, threads))
            {
                TorchRuntime.Configure(threads);
                (inProcess, inProcessCpu) = InProcessRowsPerSecond(local, encoded, 256, seconds);
            }

            using var server = await ServerProcess.StartAsync(export, runtime, batching, threads, logSample);
            using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency * 4, PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
            {
                BaseAddress = new Uri(server.Address),
                Timeout = TimeSpan.FromSeconds(60),
            };
            var bodies = Enumerable.Range(0, 16)
                .Select(i => Encoding.UTF8.GetBytes("{\"rows\":[" + string.Join(',', Enumerable.Range(0, perRequest).Select(j => rows[((i * perRequest) + j) % rows.Count].GetRawText())) + "]}"))
                .ToArray();
            await ClosedLoopAsync(client, bodies, concurrency, Math.Min(1.0, seconds), server);
            var max = await ClosedLoopAsync(client, bodies, concurrency, seconds, server);
            var half = await OpenLoopAsync(client, bodies, max.RequestsPerSecond / 2, seconds, server);
            results.Add(new
            {
                runtime = ServingBench.Name(runtime),
                rowsPerRequest = perRequest,
                batching,
                concurrency,
                inProcessRowsPerSecondBatch256 = Math.Round(inProcess),
                maxRowsPerSecond = Math.Round(max.RequestsPerSecond * perRequest),
                maxRequestsPerSecond = Math.Round(max.RequestsPerSecond),
                maxP50Ms = max.P50,
                maxP99Ms = max.P99,
                maxErrors = max.Errors,
                serverCpuMicrosecondsPerRow = Math.Round(max.ServerCpuMicroseconds / (max.Requests * (double)perRequest), 2),
                inProcessCpuMicrosecondsPerRow = Math.Round(inProcessCpu, 2),
                requestLogSampleRate = logSample,
                halfLoadRequestsPerSecond = Math.Round(half.RequestsPerSecond),
                halfP50Ms = half.P50,
                halfP99Ms = half.P99,
                halfErrors = half.Errors,
            });
        }

        return new Dictionary<string, object> { ["threads"] = threads, ["loadAverage"] = File.ReadAllText("/proc/loadavg").Trim(), ["http"] = results };
    }

    /// <summary>Rows/s and CPU microseconds per row of <paramref name="runtime"/> at batch 256 in this process, on the exported rows.</summary>
    public static Dictionary<string, object> InProcess(string export, ServingRuntime runtime, int threads, double seconds)
    {
        using var model = LatentOps.Learning.Packaging.ModelPackage.Load(Path.Combine(export, "model.lopkg"));
        var inputs = LatentOps.Learning.Packaging.ModelPackage.ReadManifest(Path.Combine(export, "model.lopkg")).Signature.Inputs.Select(i => new InputColumn(i.Name, i.Type, i.Nullable)).ToList();
        var encoded = new RequestEncoder(inputs, model.Preprocessor).EncodeBody(Encoding.UTF8.GetBytes("{\"rows\":" + File.ReadAllText(Path.Combine(export, "rows.json")) + "}"), 4096, keepRows: false).Encoded!;
        TorchRuntime.Configure(threads);
        using var local = TabularRuntimes.Create(runtime, model, threads);
        InProcessRowsPerSecond(local, encoded, 256, Math.Min(1.0, seconds)); // warm-up (JIT tiers)
        var (rowsPerSecond, cpu) = InProcessRowsPerSecond(local, encoded, 256, seconds);
        return new Dictionary<string, object> { ["runtime"] = ServingBench.Name(runtime), ["rowsPerSecond"] = Math.Round(rowsPerSecond), ["cpuMicrosecondsPerRow"] = Math.Round(cpu, 3) };
    }

    /// <summary>The child: serves the exported package until its standard input closes.</summary>
    public static async Task<int> ServeAsync(string export, ServingRuntime runtime, bool batching, int threads, double logSample)
    {
        var folder = Path.Combine(Path.GetTempPath(), "latentops-serving-bench", Guid.NewGuid().ToString("N"));
        try
        {
            var workspace = Workspace.Open(folder);
            var package = await workspace.Artifacts.PutAsync(File.ReadAllBytes(Path.Combine(export, "model.lopkg")));
            var tracking = workspace.Tracking("bench");
            var run = await tracking.CreateRunAsync(new RunStart { Experiment = "bench" });
            await tracking.LogArtifactAsync(run.RunId, new RunArtifact("model", package.Hash, package.Size));
            await tracking.EndRunAsync(run.RunId, RunStatus.Finished);
            await workspace.Registry("bench").RegisterAsync("loans", run.RunId);
            var options = new ServerOptions { Urls = "http://127.0.0.1:0", RequireAuth = false, Runtime = runtime, RuntimeThreads = threads, RateLimitPerKey = 0 };
            options.RequestLog.SampleRate = logSample;
            if (!batching)
            {
                options.Batching.MaxBatchSize = 1;
                options.Batching.MaxDelay = TimeSpan.Zero;
            }

            TorchRuntime.Configure(threads);
            await using var app = LatentOpsServer.Build(options, workspace, logging => logging.ClearProviders());
            await app.StartAsync();
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            Console.WriteLine(address);
            await Console.In.ReadLineAsync();
            await app.StopAsync();
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
            }
        }

        return 0;
    }

    /// <summary>Rows per second (wall time) and CPU microseconds per row of the runtime at one batch size, in this process.</summary>
    private static (double RowsPerSecond, double CpuMicrosecondsPerRow) InProcessRowsPerSecond(ITabularRuntime runtime, LatentOps.Learning.Preprocessing.EncodedTable encoded, int batch, double seconds)
    {
        var slice = new LatentOps.Learning.Preprocessing.EncodedTable(batch, encoded.NumericWidth, encoded.CategoryCount,
            encoded.Numeric.AsSpan(0, batch * encoded.NumericWidth).ToArray(), encoded.Categories.AsSpan(0, batch * encoded.CategoryCount).ToArray());
        runtime.Run(slice, withProbabilities: true);
        var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        var rows = 0L;
        while (watch.Elapsed.TotalSeconds < seconds / 2)
        {
            runtime.Run(slice, withProbabilities: true);
            rows += batch;
        }

        var elapsed = watch.Elapsed.TotalSeconds;
        process.Refresh();
        return (rows / elapsed, (process.TotalProcessorTime - cpu).TotalMicroseconds / rows);
    }

    private sealed record LoadResult(double RequestsPerSecond, int Requests, double P50, double P99, int Errors, double ServerCpuMicroseconds);

    /// <summary>Closed loop: each client sends its next request when the last one answers.</summary>
    private static async Task<LoadResult> ClosedLoopAsync(HttpClient client, byte[][] bodies, int concurrency, double seconds, ServerProcess server)
    {
        var latencies = new List<double>[concurrency];
        var errors = 0;
        var cpu = server.CpuTime();
        var watch = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, concurrency).Select(w => Task.Run(async () =>
        {
            var mine = latencies[w] = [];
            var n = w;
            while (watch.Elapsed.TotalSeconds < seconds)
            {
                var start = watch.Elapsed.TotalMilliseconds;
                if (!await SendAsync(client, bodies[n++ % bodies.Length]))
                {
                    Interlocked.Increment(ref errors);
                }

                mine.Add(watch.Elapsed.TotalMilliseconds - start);
            }
        })).ToArray();
        await Task.WhenAll(workers);
        var elapsed = watch.Elapsed.TotalSeconds;
        var serverCpu = (server.CpuTime() - cpu).TotalMicroseconds;
        var all = latencies.SelectMany(l => l).Order().ToArray();
        return new LoadResult(all.Length / elapsed, all.Length, Math.Round(Percentile(all, 0.5), 2), Math.Round(Percentile(all, 0.99), 2), errors, serverCpu);
    }

    /// <summary>
    /// Open loop: request i is due at i / rate seconds and is sent then (or as soon as the generator gets
    /// there) whether or not earlier ones have answered; its latency counts from when it was due.
    /// </summary>
    private static async Task<LoadResult> OpenLoopAsync(HttpClient client, byte[][] bodies, double rate, double seconds, ServerProcess server)
    {
        var total = Math.Max(1, (int)(rate * seconds));
        var latencies = new double[total];
        var errors = 0;
        var inFlight = new Task[total];
        var cpu = server.CpuTime();
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < total; i++)
        {
            var due = i / rate * 1000;
            var wait = due - watch.Elapsed.TotalMilliseconds;
            if (wait > 2)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(wait - 1));
            }

            while (watch.Elapsed.TotalMilliseconds < due)
            {
                Thread.SpinWait(20);
            }

            var index = i;
            inFlight[i] = Task.Run(async () =>
            {
                if (!await SendAsync(client, bodies[index % bodies.Length]))
                {
                    Interlocked.Increment(ref errors);
                }

                latencies[index] = watch.Elapsed.TotalMilliseconds - due;
            });
        }

        await Task.WhenAll(inFlight);
        var elapsed = watch.Elapsed.TotalSeconds;
        var serverCpu = (server.CpuTime() - cpu).TotalMicroseconds;
        Array.Sort(latencies);
        return new LoadResult(total / elapsed, total, Math.Round(Percentile(latencies, 0.5), 2), Math.Round(Percentile(latencies, 0.99), 2), errors, serverCpu);
    }

    private static readonly MediaTypeHeaderValue Json = new("application/json");

    private static async Task<bool> SendAsync(HttpClient client, byte[] body)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = Json;
        using var response = await client.PostAsync("/v1/models/loans:1/predict", content);
        await response.Content.ReadAsByteArrayAsync();
        return response.IsSuccessStatusCode;
    }

    private static double Percentile(double[] sorted, double q) => sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)(q * sorted.Length))];

    /// <summary>The server child process.</summary>
    private sealed class ServerProcess : IDisposable
    {
        private readonly Process _process;

        private ServerProcess(Process process, string address)
        {
            _process = process;
            Address = address;
        }

        public string Address { get; }

        public static async Task<ServerProcess> StartAsync(string export, ServingRuntime runtime, bool batching, int threads, double logSample)
        {
            var self = typeof(HttpLoad).Assembly.Location;
            var start = new ProcessStartInfo("dotnet")
            {
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                UseShellExecute = false,
            };
            foreach (var argument in new[] { self, "serving", "serve", "--export", export, "--runtime", runtime.ToString(), "--batching", batching ? "on" : "off", "--threads", threads.ToString(CultureInfo.InvariantCulture), "--log-sample", logSample.ToString(CultureInfo.InvariantCulture) })
            {
                start.ArgumentList.Add(argument);
            }

            var process = Process.Start(start)!;
            var address = await process.StandardOutput.ReadLineAsync() ?? throw new InvalidOperationException("The server process exited before listening.");
            return new ServerProcess(process, address.Trim());
        }

        public TimeSpan CpuTime()
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }

        public void Dispose()
        {
            _process.StandardInput.Close();
            if (!_process.WaitForExit(30_000))
            {
                _process.Kill();
            }

            _process.Dispose();
        }
    }
}
