using LatentOps.Core.Serialization;
using System.Threading.RateLimiting;
using LatentOps.Serving.Apis;
using LatentOps.Serving.Auth;
using LatentOps.Serving.Errors;
using LatentOps.Serving.Metrics;
using LatentOps.Serving.Models;
using LatentOps.Serving.RequestLogging;
using LatentOps.Store.Keys;
using LatentOps.Store.Stores;
using LatentOps.Store.Workspaces;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
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
        builder.Services.AddSingleton(new ApiKeyStore(workspace.Database));
        builder.Services.AddSingleton(workspace.Registry("server"));
        builder.Services.AddSingleton(workspace.Features("server"));
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddSingleton<ModelHost>();
        builder.Services.AddSingleton(workspace.Requests());
        builder.Services.AddSingleton<RequestLogger>();
        builder.Services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        ScopePolicies.Add(builder.Services.AddAuthorizationBuilder(), options.RequireAuth);
        builder.Services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = (context, _) =>
            {
                context.HttpContext.Response.Headers.RetryAfter = "1";
                return ValueTask.CompletedTask;
            };
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
            {
                var key = http.User.FindFirst(ApiKeyAuthenticationHandler.KeyIdClaim)?.Value;
                return options.RateLimitPerKey == 0 || key is null
                    ? RateLimitPartition.GetNoLimiter("anonymous")
                    : RateLimitPartition.GetTokenBucketLimiter(key, _ => new TokenBucketRateLimiterOptions
                    {
                        TokenLimit = options.RateLimitPerKey * 2,
                        TokensPerPeriod = options.RateLimitPerKey,
                        ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                        QueueLimit = 0,
                    });
            });
        });
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
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        app.MapHealthApi();
        app.MapKeysApi();
        app.MapModelsApi();
        app.MapFeedbackApi();
        app.MapMetrics("/metrics", metrics.Registry).RequireAuthorization(ScopePolicies.Read);
        return app;
    }
}
