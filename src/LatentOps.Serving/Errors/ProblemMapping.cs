using LatentOps.Core.Errors;
using LatentOps.Serving.Batching;
using LatentOps.Serving.Inference;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace LatentOps.Serving.Errors;

/// <summary>
/// Maps exceptions to RFC 7807 ProblemDetails: <see cref="LatentOpsException"/> by its code, a full
/// batch queue to 429 with Retry-After, a too-large or malformed body to 413/400, anything else to
/// 500 without internals. Bad input never becomes a 500.
/// </summary>
internal sealed class ProblemMapping(IProblemDetailsService problems) : IExceptionHandler
{
    /// <summary>The status code for each error code.</summary>
    public static int StatusOf(ErrorCode code) => code switch
    {
        ErrorCode.NotFound => StatusCodes.Status404NotFound,
        ErrorCode.AlreadyExists => StatusCodes.Status409Conflict,
        ErrorCode.InvalidInput => StatusCodes.Status422UnprocessableEntity,
        ErrorCode.InvalidState => StatusCodes.Status409Conflict,
        ErrorCode.Unauthorized => StatusCodes.Status403Forbidden,
        _ => StatusCodes.Status500InternalServerError,
    };

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is RowValidationException invalid)
        {
            httpContext.Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return await problems.TryWriteAsync(new ProblemDetailsContext
            {
                HttpContext = httpContext,
                Exception = exception,
                ProblemDetails = new HttpValidationProblemDetails(invalid.Errors.ToDictionary(e => e.Key, e => e.Value))
                {
                    Status = StatusCodes.Status422UnprocessableEntity,
                    Title = "InvalidInput",
                    Detail = invalid.Message,
                },
            }).ConfigureAwait(false);
        }

        var (status, title, detail) = exception switch
        {
            LatentOpsException e => (StatusOf(e.Code), e.Code.ToString(), e.Message),
            QueueFullException e => (StatusCodes.Status429TooManyRequests, "Busy", e.Message),
            BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } e => (StatusCodes.Status413PayloadTooLarge, "PayloadTooLarge", e.Message),
            BadHttpRequestException e => (e.StatusCode, "BadRequest", e.Message),
            System.Text.Json.JsonException e => (StatusCodes.Status400BadRequest, "BadRequest", $"The request body is not valid JSON: {e.Message}"),
            _ => (StatusCodes.Status500InternalServerError, "InternalError", "An unexpected error occurred; it has been logged."),
        };

        if (status == StatusCodes.Status429TooManyRequests)
        {
            httpContext.Response.Headers.RetryAfter = "1";
        }

        httpContext.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = detail },
        }).ConfigureAwait(false);
    }
}
