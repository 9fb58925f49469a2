using System.Data.Common;

namespace LatentOps.Store.Database;

/// <summary>
/// The metadata database behind every store (datasets, runs, registry, feature store, audit log).
/// Stores write portable SQL against <see cref="DbConnection"/>: named parameters as <c>@name</c>,
/// <c>ON CONFLICT ... DO NOTHING</c>, <c>RETURNING</c>; where dialects differ they branch on
/// <see cref="Dialect"/>.
/// </summary>
public interface IMetadataDatabase
{
    /// <summary>The SQL dialect.</summary>
    StoreDialect Dialect { get; }

    /// <summary>Where the database is, for messages (a file path, or host and database without credentials).</summary>
    string Location { get; }

    /// <summary>The schema version after migrations ran.</summary>
    int SchemaVersion { get; }

    /// <summary>Opens a connection with the store's settings applied.</summary>
    DbConnection OpenConnection();

    /// <summary>Opens a connection with the store's settings applied.</summary>
    Task<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken = default);
}
