namespace LatentOps.Core.Errors;

/// <summary>
/// A failure the user can act on. The message says what was wrong, where (file, row, column, field)
/// and what is allowed; it is shown as-is, without a stack trace.
/// </summary>
public class LatentOpsException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="code">The kind of failure.</param>
    /// <param name="message">A message for a person: what, where, and what is allowed.</param>
    /// <param name="innerException">The low-level cause, shown only with <c>--verbose</c>.</param>
    public LatentOpsException(ErrorCode code, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Code = code;
    }

    /// <summary>The kind of failure.</summary>
    public ErrorCode Code { get; }

    /// <summary>Shorthand for <see cref="ErrorCode.NotFound"/>.</summary>
    public static LatentOpsException NotFound(string message) => new(ErrorCode.NotFound, message);

    /// <summary>Shorthand for <see cref="ErrorCode.AlreadyExists"/>.</summary>
    public static LatentOpsException AlreadyExists(string message) => new(ErrorCode.AlreadyExists, message);

    /// <summary>Shorthand for <see cref="ErrorCode.InvalidInput"/>.</summary>
    public static LatentOpsException InvalidInput(string message, Exception? inner = null) => new(ErrorCode.InvalidInput, message, inner);

    /// <summary>Shorthand for <see cref="ErrorCode.InvalidState"/>.</summary>
    public static LatentOpsException InvalidState(string message, Exception? inner = null) => new(ErrorCode.InvalidState, message, inner);

    /// <summary>Shorthand for <see cref="ErrorCode.Unauthorized"/>.</summary>
    public static LatentOpsException Unauthorized(string message) => new(ErrorCode.Unauthorized, message);
}
