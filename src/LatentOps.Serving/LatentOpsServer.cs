using LatentOps.Core.Serialization;
using LatentOps.Serving.Apis;
using LatentOps.Serving.Errors;
using LatentOps.Serving.Metrics;
using LatentOps.Store.Workspaces;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Prometheus;

namespace LatentOps.Serving;

/// <summary>Builds the LatentOps web application (Kestrel) over a workspace.</summary>
public static class LatentOpsServer
{
    /// <summary>Builds, but does not start, the server.</summary>
    public static WebApplication Build(ServerOptions options, Workspace workspace, Action<ILoggingBuilder>? logging = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(workspace);
        options.Validate();

        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(options.Urls);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = options.MaxRequestBodyBytes);
        if (logging is not null)
        {
            logging(builder.Logging);
        }

        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(workspace);
        builder.Services.AddSingleton<ServingMetrics>();
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<ProblemMapping>();
        builder.Services.Configure<JsonOptions>(json =>
        {
            foreach (var converter in LatentOpsJson.Compact.Converters)
            {
                json.SerializerOptions.Converters.Add(converter);
            }

            json.SerializerOptions.DefaultIgnoreCondition = LatentOpsJson.Compact.DefaultIgnoreCondition;
        });
        builder.Services.AddOpenApi();

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        var metrics = app.Services.GetRequiredService<ServingMetrics>();
        app.UseHttpMetrics(http => http.SetMetricFactory(Prometheus.Metrics.WithCustomRegistry(metrics.Registry)));
        app.MapOpenApi("/openapi/{documentName}.json");
        app.MapHealthApi();
        app.MapMetrics("/metrics", metrics.Registry);
        return app;
    }
}
