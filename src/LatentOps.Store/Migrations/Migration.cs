namespace LatentOps.Store.Migrations;

/// <summary>One schema step: its version number, name and SQL.</summary>
/// <param name="Version">Strictly increasing number; the database records the highest applied.</param>
/// <param name="Name">File name without the number, for messages.</param>
/// <param name="Sql">The statements, run in one transaction.</param>
public sealed record Migration(int Version, string Name, string Sql);
