using System.Diagnostics;
using System.Text.Json;
using LatentOps.Core.Errors;
using LatentOps.Core.References;
using LatentOps.Serving.Auth;
using LatentOps.Serving.Inference;
using LatentOps.Serving.Models;
using LatentOps.Serving.RequestLogging;
using LatentOps.Store.Features;
using LatentOps.Store.Registry;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace LatentOps.Serving.Apis;

/// <summary>
/// The model endpoints: list and describe registered models; embed, predict and search similar
/// items with a version (<c>churn:3</c>) or an alias (<c>churn@champion</c>).
/// </summary>
internal static class ModelsApi
{
    public static IEndpointRouteBuilder MapModelsApi(this IEndpointRouteBuilder routes)
    {
        var models = routes.MapGroup("/v1/models").WithTags("Models");
        models.MapGet("/", ListModels).WithName("ListModels").WithSummary("Registered models with their latest version and aliases.").RequireAuthorization(ScopePolicies.Read);
        models.MapGet("/{name}", GetModel).WithName("GetModel").WithSummary("A model's versions, aliases and the signature of each loaded version.").RequireAuthorization(ScopePolicies.Read);
        models.MapPost("/{reference}/embed", Embed).WithName("Embed").WithSummary("Embeddings for 1..N rows given as JSON objects by column name.").RequireAuthorization(ScopePolicies.Predict);
        models.MapPost("/{reference}/predict", Predict).WithName("Predict").WithSummary("Class probabilities for 1..N rows (models with a classification head).").RequireAuthorization(ScopePolicies.Predict);
        models.MapPost("/{reference}/similar", Similar).WithName("Similar").WithSummary("Nearest neighbours among materialised embeddings, for an entity id or for rows.").RequireAuthorization(ScopePolicies.Predict);
        return routes;
    }

    private static async Task<Ok<IReadOnlyList<RegisteredModel>>> ListModels(IModelRegistry registry, CancellationToken cancellationToken) =>
        TypedResults.Ok(await registry.ListModelsAsync(cancellationToken).ConfigureAwait(false));

    private static async Task<Ok<ModelDetails>> GetModel(string name, IModelRegistry registry, CancellationToken cancellationToken) =>
        TypedResults.Ok(await registry.GetModelAsync(name, cancellationToken).ConfigureAwait(false));

    private static async Task<Ok<EmbedResponse>> Embed(string reference, RowsRequest body, ModelHost host, ServerOptions options, RequestLogger logger, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var (model, rows, unknown) = await BindAsync(reference, body.Rows, host, options, cancellationToken).ConfigureAwait(false);
        var result = await model.InferAsync(rows, wantProbabilities: false, cancellationToken).ConfigureAwait(false);
        var embeddings = Split(result.Embeddings, model.EmbeddingDimension);
        var requestId = NewRequestId();
        logger.TryLog(new PendingRequest(requestId, DateTimeOffset.UtcNow, model.Version.Name, model.Version.Version, "embed", rows,
            embeddings.Select(e => new EmbeddingSummary(MathF.Sqrt(System.Numerics.Tensors.TensorPrimitives.Dot<float>(e, e)))).ToList(),
            Stopwatch.GetElapsedTime(started).TotalMilliseconds));
        return TypedResults.Ok(new EmbedResponse(requestId, model.Version.Name, model.Version.Version, model.EmbeddingDimension, embeddings, NullIfEmpty(unknown)));
    }

    private static async Task<Ok<PredictResponse>> Predict(string reference, RowsRequest body, ModelHost host, ServerOptions options, RequestLogger logger, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var (model, rows, unknown) = await BindAsync(reference, body.Rows, host, options, cancellationToken).ConfigureAwait(false);
        var classes = model.Classes ?? throw LatentOpsException.InvalidState(
            $"Model {model.Version.Reference} has no classification head (it was trained self-supervised); use /embed, or train it with a label.");
        var result = await model.InferAsync(rows, wantProbabilities: true, cancellationToken).ConfigureAwait(false);
        var requestId = NewRequestId();
        var predictions = new List<Prediction>(rows.RowCount);
        for (var r = 0; r < rows.RowCount; r++)
        {
            var probabilities = new Dictionary<string, double>(classes.Count, StringComparer.Ordinal);
            var best = 0;
            for (var c = 0; c < classes.Count; c++)
            {
                var p = result.Probabilities![(r * classes.Count) + c];
                probabilities[classes[c]] = p;
                best = p > result.Probabilities[(r * classes.Count) + best] ? c : best;
            }

            predictions.Add(new Prediction($"{requestId}-{r.ToString(System.Globalization.CultureInfo.InvariantCulture)}", classes[best], probabilities));
        }

        logger.TryLog(new PendingRequest(requestId, DateTimeOffset.UtcNow, model.Version.Name, model.Version.Version, "predict", rows,
            predictions.Select(p => new LoggedPrediction(p.Label, p.Probabilities)).ToList(),
            Stopwatch.GetElapsedTime(started).TotalMilliseconds));
        return TypedResults.Ok(new PredictResponse(requestId, model.Version.Name, model.Version.Version, predictions, NullIfEmpty(unknown)));
    }

    private static async Task<Ok<SimilarResponse>> Similar(string reference, SimilarRequest body, ModelHost host, IFeatureStore features, ServerOptions options, CancellationToken cancellationToken)
    {
        if (body.K is < 1 or > 1000)
        {
            throw LatentOpsException.InvalidInput($"'k' is {body.K}; allowed: 1 to 1000.");
        }

        var model = await host.GetAsync(ParseReference(reference), cancellationToken).ConfigureAwait(false);
        var version = model.Version;
        if (body.Id is { } id)
        {
            var neighbours = await features.SimilarAsync(version.Name, version.Version, id, body.K, null, cancellationToken).ConfigureAwait(false);
            return TypedResults.Ok(new SimilarResponse(version.Name, version.Version, [new SimilarResult(id, neighbours)]));
        }

        if (body.Rows is not { } rowsJson)
        {
            throw LatentOpsException.InvalidInput("Give either 'id' (an entity materialised with 'latentops embed') or 'rows' (JSON objects by column name).");
        }

        var (_, rows, _) = await BindAsync(reference, rowsJson, host, options, cancellationToken).ConfigureAwait(false);
        var result = await model.InferAsync(rows, wantProbabilities: false, cancellationToken).ConfigureAwait(false);
        var results = new List<SimilarResult>(rows.RowCount);
        foreach (var query in Split(result.Embeddings, model.EmbeddingDimension))
        {
            results.Add(new SimilarResult(null, await features.SimilarToVectorAsync(version.Name, version.Version, query, body.K, null, cancellationToken).ConfigureAwait(false)));
        }

        return TypedResults.Ok(new SimilarResponse(version.Name, version.Version, results));
    }

    private static async Task<(ServedModel Model, LatentOps.Core.Tables.Table Rows, IReadOnlyDictionary<string, int> Unknown)> BindAsync(
        string reference, JsonElement rows, ModelHost host, ServerOptions options, CancellationToken cancellationToken)
    {
        var model = await host.GetAsync(ParseReference(reference), cancellationToken).ConfigureAwait(false);
        var table = RowBinder.Bind(rows, model.Inputs, options.MaxRowsPerRequest);
        return (model, table, model.CountUnknownCategories(table));
    }

    private static string NewRequestId() => Guid.NewGuid().ToString("N");

    private static ModelRef ParseReference(string reference) => ModelRef.Parse(Uri.UnescapeDataString(reference));

    private static List<float[]> Split(float[] values, int width)
    {
        var rows = new List<float[]>(values.Length / width);
        for (var offset = 0; offset < values.Length; offset += width)
        {
            rows.Add(values.AsSpan(offset, width).ToArray());
        }

        return rows;
    }

    private static IReadOnlyDictionary<string, int>? NullIfEmpty(IReadOnlyDictionary<string, int> unknown) => unknown.Count == 0 ? null : unknown;

    /// <summary>A body with rows.</summary>
    internal sealed record RowsRequest(JsonElement Rows);

    /// <summary>The /similar body: an entity id, or rows to embed first.</summary>
    internal sealed record SimilarRequest(string? Id, JsonElement? Rows, int K = 10);

    /// <summary>The /embed answer; <paramref name="RequestId"/> is what /v1/feedback refers to (with a row index).</summary>
    internal sealed record EmbedResponse(string RequestId, string Model, int Version, int Dimension, IReadOnlyList<float[]> Embeddings, IReadOnlyDictionary<string, int>? UnknownCategories);

    /// <summary>One row's prediction; <paramref name="PredictionId"/> (<c>REQUESTID-ROW</c>) is what /v1/feedback refers to.</summary>
    internal sealed record Prediction(string PredictionId, string Label, IReadOnlyDictionary<string, double> Probabilities);

    /// <summary>The /predict answer.</summary>
    internal sealed record PredictResponse(string RequestId, string Model, int Version, IReadOnlyList<Prediction> Predictions, IReadOnlyDictionary<string, int>? UnknownCategories);

    /// <summary>A prediction as the request log keeps it.</summary>
    internal sealed record LoggedPrediction(string Label, IReadOnlyDictionary<string, double> Probabilities);

    /// <summary>An embedding as the request log keeps it (its L2 norm; the inputs are logged, so it can be recomputed).</summary>
    internal sealed record EmbeddingSummary(float Norm);

    /// <summary>Neighbours of one query.</summary>
    internal sealed record SimilarResult(string? Id, IReadOnlyList<Neighbour> Neighbours);

    /// <summary>The /similar answer.</summary>
    internal sealed record SimilarResponse(string Model, int Version, IReadOnlyList<SimilarResult> Results);
}
