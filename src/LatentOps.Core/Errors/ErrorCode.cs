namespace LatentOps.Core.Errors;

/// <summary>
/// The kind of a user-facing failure. The server maps each to an HTTP status, the CLI to exit code 1.
/// </summary>
public enum ErrorCode
{
    /// <summary>A named thing (dataset, run, model, alias, key) does not exist.</summary>
    NotFound,

    /// <summary>The thing to create exists already.</summary>
    AlreadyExists,

    /// <summary>Input from the user (a file, a flag, a request body) is not acceptable.</summary>
    InvalidInput,

    /// <summary>The request is valid but the current state does not allow it (e.g. a newer workspace schema).</summary>
    InvalidState,

    /// <summary>The caller is not allowed to do this.</summary>
    Unauthorized,
}
