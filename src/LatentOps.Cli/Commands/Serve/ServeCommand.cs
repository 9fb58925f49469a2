using System.CommandLine;
using LatentOps.Cli.Infrastructure;
using LatentOps.Core.Errors;
using LatentOps.Dashboard;
using LatentOps.Serving;
using LatentOps.Serving.Inference;
using LatentOps.Serving.RequestLogging;
using Microsoft.Extensions.Logging;

namespace LatentOps.Cli.Commands.Serve;

/// <summary><c>latentops serve</c>: the REST API and the dashboard on Kestrel until Ctrl+C.</summary>
internal static class ServeCommand
{
    public static Command Create(CommandFactory factory)
    {
        var urls = new Option<string>("--urls")
        {
            Description = "Where to listen (semicolon-separated URLs).",
            DefaultValueFactory = _ => "http://127.0.0.1:8080",
            HelpName = "URLS",
        };
        var maxBatch = new Option<int>("--max-batch-size")
        {
            Description = "Rows per model batch (micro-batching).",
            DefaultValueFactory = _ => 256,
        };
        var maxDelay = new Option<double>("--max-delay-ms")
        {
            Description = "Longest wait in milliseconds for a batch to fill.",
            DefaultValueFactory = _ => 2,
        };
        var noAuth = new Option<bool>("--no-auth")
        {
            Description = "Serve without API keys. Allowed only on loopback URLs; for local experiments only.",
        };
        var runtime = new Option<string>("--runtime")
        {
            Description = "The engine for served models: fp32 (TorchSharp, the reference), simd (own float32 AVX2 kernels), int8 (int8 weights, 16-bit activations: the accurate int8), int8a8 (int8 weights, 8-bit activations: faster, less accurate), onnx (ONNX Runtime on the exported graph).",
            DefaultValueFactory = _ => "fp32",
        };
        runtime.AcceptOnlyFromAmong("fp32", "simd", "int8", "int8a8", "onnx");
        var modelRuntime = new Option<string[]>("--model-runtime")
        {
            Description = "A runtime for one model, overriding --runtime: NAME=RUNTIME (repeatable), e.g. --model-runtime loans=int8.",
            HelpName = "NAME=RUNTIME",
            AllowMultipleArgumentsPerToken = false,
        };
        var runtimeThreads = new Option<int>("--runtime-threads")
        {
            Description = "Threads one batch may use in the simd, int8 and onnx runtimes (0 = processor count).",
            DefaultValueFactory = _ => 0,
        };
        var logSample = new Option<double>("--log-sample")
        {
            Description = "The share of /predict and /embed requests written to the request log for monitoring (drift, feedback), 0 to 1; 1 logs every request.",
            DefaultValueFactory = _ => 1.0,
            HelpName = "RATE",
        };
        var noRequestLog = new Option<bool>("--no-request-log")
        {
            Description = "Write no request log at all (monitor drift over the request log and /v1/feedback then have nothing to read).",
        };
        var command = new Command("serve", "Serve the REST API and the dashboard on Kestrel: the dashboard at /, /v1/..., /healthz, /readyz, /metrics (Prometheus), /openapi/v1.json. Stops on Ctrl+C.")
        {
            urls, maxBatch, maxDelay, noAuth, runtime, modelRuntime, runtimeThreads, logSample, noRequestLog,
        };
        factory.SetAction(command, async context =>
        {
            var options = new ServerOptions { Urls = context.Value(urls)!, RequireAuth = !context.Value(noAuth) };
            if (!options.RequireAuth)
            {
                context.Warn("AUTHENTICATION IS OFF (--no-auth): anyone who can reach this port can read, predict and change state. Loopback only.");
            }
            options.Runtime = TabularRuntimes.Parse(context.Value(runtime)!);
            options.RuntimeThreads = context.Value(runtimeThreads);
            foreach (var pair in context.Value(modelRuntime) ?? [])
            {
                var parts = pair.Split('=', 2, StringSplitOptions.TrimEntries);
                if (parts.Length != 2 || parts[0].Length == 0)
                {
                    throw LatentOpsException.InvalidInput($"--model-runtime '{pair}' is not NAME=RUNTIME (e.g. loans=int8); runtimes: fp32, simd, int8, int8a8, onnx.");
                }

                options.ModelRuntimes[parts[0]] = TabularRuntimes.Parse(parts[1]);
            }

            var sampleRate = context.Value(logSample);
            if (!(sampleRate >= 0 && sampleRate <= 1))
            {
                throw LatentOpsException.InvalidInput($"--log-sample is {sampleRate.ToString(System.Globalization.CultureInfo.InvariantCulture)}; allowed: 0 to 1 (the share of requests logged; 1 = every request, 0 = none).");
            }

            options.RequestLog.SampleRate = sampleRate;
            options.RequestLog.Enabled = !context.Value(noRequestLog);
            options.Batching.MaxBatchSize = context.Value(maxBatch);
            options.Batching.MaxDelay = TimeSpan.FromMilliseconds(context.Value(maxDelay));
            // Request logs only with --verbose: a server's console should show problems, not every request.
            var level = context.Verbose ? LogLevel.Information : LogLevel.Warning;
            await using var app = LatentOpsServer.Build(options, context.Workspace, logging => logging.SetMinimumLevel(level));
            app.MapDashboard();
            await app.StartAsync(context.CancellationToken).ConfigureAwait(false);
            context.Note($"LatentOps is serving workspace {context.Workspace.Root} on {string.Join(", ", app.Urls)} (runtime {options.Runtime.ToString().ToLowerInvariant()}, request log {RequestLogNote(options.RequestLog)}); open the dashboard at {app.Urls.First()}/ and sign in with an API key. Press Ctrl+C to stop.");
            try
            {
                await Task.Delay(Timeout.Infinite, context.CancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Ctrl+C is the normal way to stop a server.
            }

            await app.StopAsync(CancellationToken.None).ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }

    private static string RequestLogNote(RequestLogOptions log) =>
        !log.Enabled || log.SampleRate == 0 ? "off"
        : log.SampleRate >= 1 ? "every request"
        : $"{(log.SampleRate * 100).ToString("0.##", System.Globalization.CultureInfo.InvariantCulture)}% of requests";
}
