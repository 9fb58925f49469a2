using System.Text.Json;
using LatentOps.Core.Errors;
using LatentOps.Core.References;
using LatentOps.Serving.Auth;
using LatentOps.Serving.Models;
using LatentOps.Serving.RequestLogging;
using LatentOps.Store.Requests;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace LatentOps.Serving.Apis;

/// <summary>
/// <c>POST /v1/feedback</c>: true labels for rows of logged predict/embed requests, used by
/// monitoring for realised performance. A label names a row either by <c>predictionId</c> (as
/// <c>/predict</c> returned it) or by <c>requestId</c> and <c>row</c>. All labels are stored or none:
/// 404 for an unknown request id, 422 for a row out of range or a label that is not one of the
/// model's classes.
/// </summary>
internal static class FeedbackApi
{
    private const int MaxLabels = 10_000;

    public static IEndpointRouteBuilder MapFeedbackApi(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/v1/feedback", AddFeedback).WithTags("Monitoring").WithName("Feedback")
            .WithSummary("True labels for logged requests: {\"labels\": [{\"predictionId\", \"label\"} or {\"requestId\", \"row\", \"label\"}]}.")
            .RequireAuthorization(ScopePolicies.Predict);
        return routes;
    }

    private static async Task<Ok<FeedbackResponse>> AddFeedback(JsonElement body, RequestLog log, RequestLogger logger, ModelHost host, CancellationToken cancellationToken)
    {
        var labels = Parse(body);
        var ids = labels.Select(l => l.RequestId).Distinct(StringComparer.Ordinal).ToList();
        var found = await log.FindAsync(ids, cancellationToken).ConfigureAwait(false);
        if (found.Count < ids.Count)
        {
            // A request answered a moment ago may still be in the writer's queue.
            await logger.FlushAsync(TimeSpan.FromSeconds(2), cancellationToken).ConfigureAwait(false);
            found = await log.FindAsync(ids, cancellationToken).ConfigureAwait(false);
        }

        var byId = found.ToDictionary(r => r.RequestId, StringComparer.Ordinal);
        var unknown = ids.Where(id => !byId.ContainsKey(id)).ToList();
        if (unknown.Count > 0)
        {
            throw LatentOpsException.NotFound($"No logged request has the id {string.Join(", ", unknown.Take(5).Select(u => $"'{u}'"))}; use the requestId or predictionId a predict or embed answer returned (requests are logged unless the server samples them out).");
        }

        for (var i = 0; i < labels.Count; i++)
        {
            var request = byId[labels[i].RequestId];
            var model = await host.GetAsync(new ModelRef(request.Model, request.Version, null), cancellationToken).ConfigureAwait(false);
            if (model.Classes is { } classes && !classes.Contains(labels[i].Label, StringComparer.Ordinal))
            {
                throw LatentOpsException.InvalidInput($"labels[{i}].label '{labels[i].Label}' is not a class of {request.Model}:{request.Version}; allowed: {string.Join(", ", classes.Take(20))}.");
            }
        }

        var stored = await log.AddFeedbackAsync(labels, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(new FeedbackResponse(stored));
    }

    private static List<FeedbackLabel> Parse(JsonElement body)
    {
        var items = body.ValueKind == JsonValueKind.Object && body.TryGetProperty("labels", out var array) ? array : body;
        if (items.ValueKind == JsonValueKind.Object)
        {
            return [ParseOne(items, "label")];
        }

        if (items.ValueKind != JsonValueKind.Array)
        {
            throw LatentOpsException.InvalidInput("The body must be {\"labels\": [...]} (or one label object); each label is {\"predictionId\", \"label\"} or {\"requestId\", \"row\", \"label\"}.");
        }

        var count = items.GetArrayLength();
        if (count is 0 or > MaxLabels)
        {
            throw LatentOpsException.InvalidInput($"'labels' has {count} items; allowed: 1 to {MaxLabels} per call.");
        }

        return [.. items.EnumerateArray().Select((item, i) => ParseOne(item, $"labels[{i}]"))];
    }

    private static FeedbackLabel ParseOne(JsonElement item, string where)
    {
        if (item.ValueKind != JsonValueKind.Object)
        {
            throw LatentOpsException.InvalidInput($"{where} must be an object; got {item.ValueKind.ToString().ToLowerInvariant()}.");
        }

        if (!item.TryGetProperty("label", out var labelValue) || labelValue.ValueKind is not (JsonValueKind.String or JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False))
        {
            throw LatentOpsException.InvalidInput($"{where}.label is missing; give the true class name as a string.");
        }

        var label = labelValue.ValueKind == JsonValueKind.String ? labelValue.GetString()! : labelValue.GetRawText();
        if (item.TryGetProperty("predictionId", out var prediction))
        {
            var text = prediction.ValueKind == JsonValueKind.String ? prediction.GetString()! : string.Empty;
            var dash = text.LastIndexOf('-');
            if (dash <= 0 || !int.TryParse(text.AsSpan(dash + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var row))
            {
                throw LatentOpsException.InvalidInput($"{where}.predictionId '{text}' is not a prediction id (REQUESTID-ROW, as /predict returns it).");
            }

            return new FeedbackLabel(text[..dash], row, label);
        }

        if (!item.TryGetProperty("requestId", out var id) || id.ValueKind != JsonValueKind.String)
        {
            throw LatentOpsException.InvalidInput($"{where} needs \"predictionId\", or \"requestId\" (a string) and \"row\".");
        }

        if (!item.TryGetProperty("row", out var rowValue) || !rowValue.TryGetInt32(out var index))
        {
            throw LatentOpsException.InvalidInput($"{where}.row is missing or not an integer; give the row's 0-based index in the request.");
        }

        return new FeedbackLabel(id.GetString()!, index, label);
    }

    /// <summary>The answer of /v1/feedback.</summary>
    internal sealed record FeedbackResponse(int Stored);
}
