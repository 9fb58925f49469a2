using LatentOps.Store.Workspaces;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace LatentOps.Serving.Apis;

/// <summary><c>/healthz</c> (the process answers) and <c>/readyz</c> (it can reach its store).</summary>
internal static class HealthApi
{
    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/healthz", Healthz).WithName("Healthz").WithSummary("Liveness: 200 while the process serves requests.").AllowAnonymous();
        routes.MapGet("/readyz", Readyz).WithName("Readyz").WithSummary("Readiness: 200 when the metadata store answers, else 503.").AllowAnonymous();
        return routes;
    }

    private static Ok<HealthStatus> Healthz() => TypedResults.Ok(new HealthStatus("ok", null));

    private static Results<Ok<HealthStatus>, JsonHttpResult<HealthStatus>> Readyz(Workspace workspace)
    {
        try
        {
            using var connection = workspace.Database.OpenConnection();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT 1";
            command.ExecuteScalar();
            return TypedResults.Ok(new HealthStatus("ready", null));
        }
#pragma warning disable CA1031 // Readiness reports any failure as 503; it must not throw.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return TypedResults.Json(new HealthStatus("unavailable", ex.Message), statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }

    /// <summary>A health answer.</summary>
    internal sealed record HealthStatus(string Status, string? Detail);
}
