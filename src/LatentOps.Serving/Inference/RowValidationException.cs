namespace LatentOps.Serving.Inference;

/// <summary>
/// Request rows that do not fit the model signature. Carries every problem found (up to a limit),
/// keyed by the field path (<c>rows[3].annual_inc</c>); the server answers 422 ValidationProblem.
/// </summary>
public sealed class RowValidationException : Exception
{
    /// <summary>Creates the exception.</summary>
    public RowValidationException(IReadOnlyDictionary<string, string[]> errors)
        : base($"{errors.Count} field(s) do not fit the model signature: " + string.Join("; ", errors.Take(3).Select(e => $"{e.Key}: {e.Value[0]}")))
    {
        Errors = errors;
    }

    /// <summary>Problems by field path.</summary>
    public IReadOnlyDictionary<string, string[]> Errors { get; }
}
