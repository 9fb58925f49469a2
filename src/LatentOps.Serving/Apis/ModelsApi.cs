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
        models.MapPost("/{reference}/embed", Embed).WithName("Embed").WithSummary("Embeddings for 1..N rows given as JSON objects by column name.")
            .Accepts<RowsRequest>("application/json").Produces<EmbedResponse>().RequireAuthorization(ScopePolicies.Predict);
        models.MapPost("/{reference}/predict", Predict).WithName("Predict").WithSummary("Class probabilities for 1..N rows (models with a classification head).")
            .Accepts<RowsRequest>("application/json").Produces<PredictResponse>().RequireAuthorization(ScopePolicies.Predict);
        models.MapPost("/{reference}/similar", Similar).WithName("Similar").WithSummary("Nearest neighbours among materialised embeddings, for an entity id or for rows.").RequireAuthorization(ScopePolicies.Predict);
        return routes;
    }

    private static async Task<Ok<IReadOnlyList<RegisteredModel>>> ListModels(IModelRegistry registry, CancellationToken cancellationToken) =>
        TypedResults.Ok(await registry.ListModelsAsync(cancellationToken).ConfigureAwait(false));

    private static async Task<Ok<ModelDetails>> GetModel(string name, IModelRegistry registry, CancellationToken cancellationToken) =>
        TypedResults.Ok(await registry.GetModelAsync(name, cancellationToken).ConfigureAwait(false));

    // /embed and /predict are the hot path: the body is read once into a buffer and parsed straight into
    // the encoder input (RequestEncoder), and the answer is written with Utf8JsonWriter (ModelResponses).
    // Whether the request log samples this request is decided first, so an unsampled request copies
    // nothing and builds no log entry; a sampled one keeps the rows array as sent (LoggableRows).
    private static async Task Embed(string reference, HttpContext http, ModelHost host, ServerOptions options, RequestLogger logger)
    {
        var started = Stopwatch.GetTimestamp();
        var cancellationToken = http.RequestAborted;
        var model = await host.GetAsync(ParseReference(reference), cancellationToken).ConfigureAwait(false);
        var sampled = logger.ShouldSample();
        var rows = await ReadRowsAsync(http.Request, model, options, sampled, cancellationToken).ConfigureAwait(false);
        var result = await model.InferAsync(rows.Encoded!, wantProbabilities: false, cancellationToken).ConfigureAwait(false);
        var requestId = NewRequestId();
        var dimension = model.EmbeddingDimension;
        if (sampled)
        {
            var embeddings = result.Embeddings;
            logger.TryLog(new PendingRequest(requestId, DateTimeOffset.UtcNow, model.Version.Name, model.Version.Version, "embed", rows.Log!,
                () => ModelResponses.LoggedEmbeddingsJson(embeddings, dimension),
                Stopwatch.GetElapsedTime(started).TotalMilliseconds));
        }

        var output = ResponseBuffer.Rent();
        ModelResponses.WriteEmbed(output, requestId, model.Version.Name, model.Version.Version, dimension, result.Embeddings, rows.RowCount, NullIfEmpty(rows.UnknownCategories));
        await ResponseBuffer.SendAsync(http.Response, output, cancellationToken).ConfigureAwait(false);
    }

    private static async Task Predict(string reference, HttpContext http, ModelHost host, ServerOptions options, RequestLogger logger)
    {
        var started = Stopwatch.GetTimestamp();
        var cancellationToken = http.RequestAborted;
        var model = await host.GetAsync(ParseReference(reference), cancellationToken).ConfigureAwait(false);
        var classes = model.Classes ?? throw LatentOpsException.InvalidState(
            $"Model {model.Version.Reference} has no classification head (it was trained self-supervised); use /embed, or train it with a label.");
        var sampled = logger.ShouldSample();
        var rows = await ReadRowsAsync(http.Request, model, options, sampled, cancellationToken).ConfigureAwait(false);
        var result = await model.InferAsync(rows.Encoded!, wantProbabilities: true, cancellationToken).ConfigureAwait(false);
        var requestId = NewRequestId();
        var probabilities = result.Probabilities!;
        if (sampled)
        {
            var embeddings = result.Embeddings;
            var dimension = model.EmbeddingDimension;
            logger.TryLog(new PendingRequest(requestId, DateTimeOffset.UtcNow, model.Version.Name, model.Version.Version, "predict", rows.Log!,
                () => ModelResponses.LoggedPredictionsJson(probabilities, classes, embeddings, dimension),
                Stopwatch.GetElapsedTime(started).TotalMilliseconds));
        }

        var output = ResponseBuffer.Rent();
        ModelResponses.WritePredict(output, requestId, model.Version.Name, model.Version.Version, classes, probabilities, rows.RowCount, NullIfEmpty(rows.UnknownCategories));
        await ResponseBuffer.SendAsync(http.Response, output, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads the whole body (Kestrel enforces the size limit: 413) and encodes its rows for the model.</summary>
    private static async Task<EncodedRows> ReadRowsAsync(HttpRequest request, ServedModel model, ServerOptions options, bool logRows, CancellationToken cancellationToken)
    {
        if (!request.HasJsonContentType())
        {
            throw new BadHttpRequestException("The request body must be JSON (Content-Type: application/json).", StatusCodes.Status415UnsupportedMediaType);
        }

        var reader = request.BodyReader;
        while (true)
        {
            var read = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            if (read.IsCompleted || read.IsCanceled)
            {
                try
                {
                    return Encode(read.Buffer, model, options.MaxRowsPerRequest, logRows);
                }
                finally
                {
                    reader.AdvanceTo(read.Buffer.End);
                }
            }

            reader.AdvanceTo(read.Buffer.Start, read.Buffer.End);
        }
    }

    private static EncodedRows Encode(System.Buffers.ReadOnlySequence<byte> body, ServedModel model, int maxRows, bool logRows)
    {
        if (body.IsSingleSegment)
        {
            return model.EncodeBody(body.FirstSpan, maxRows, logRows);
        }

        var length = checked((int)body.Length);
        var copy = System.Buffers.ArrayPool<byte>.Shared.Rent(length);
        try
        {
            System.Buffers.BuffersExtensions.CopyTo(body, copy);
            return model.EncodeBody(copy.AsSpan(0, length), maxRows, logRows);
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(copy);
        }
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

        if (rowsJson.ValueKind != JsonValueKind.Array)
        {
            throw LatentOpsException.InvalidInput($"'rows' must be a JSON array of objects (one per row); got {rowsJson.ValueKind.ToString().ToLowerInvariant()}.");
        }

        var rows = model.EncodeRows(System.Text.Encoding.UTF8.GetBytes(rowsJson.GetRawText()), options.MaxRowsPerRequest);
        var result = await model.InferAsync(rows.Encoded!, wantProbabilities: false, cancellationToken).ConfigureAwait(false);
        var results = new List<SimilarResult>(rows.RowCount);
        foreach (var query in Split(result.Embeddings, model.EmbeddingDimension))
        {
            results.Add(new SimilarResult(null, await features.SimilarToVectorAsync(version.Name, version.Version, query, body.K, null, cancellationToken).ConfigureAwait(false)));
        }

        return TypedResults.Ok(new SimilarResponse(version.Name, version.Version, results));
    }

    private static string NewRequestId() => Guid.NewGuid().ToString("N");

    private static ModelRef ParseReference(string reference) => ModelRef.Parse(Uri.UnescapeDataString(reference));

    private static IEnumerable<float[]> Split(float[] values, int width)
    {
        for (var offset = 0; offset < values.Length; offset += width)
        {
            yield return values.AsSpan(offset, width).ToArray();
        }
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

    /// <summary>Neighbours of one query.</summary>
    internal sealed record SimilarResult(string? Id, IReadOnlyList<Neighbour> Neighbours);

    /// <summary>The /similar answer.</summary>
    internal sealed record SimilarResponse(string Model, int Version, IReadOnlyList<SimilarResult> Results);
}
