using System.Globalization;
using LatentOps.Store.Features;
using Parquet;
using Parquet.Schema;

namespace LatentOps.Cli.Commands.Embed;

/// <summary>
/// Writes embeddings as Parquet in the feature store's offline layout (entity_id, event_time, model,
/// e0..e{d-1} as float32), atomically: a temporary file beside the target, then a rename.
/// </summary>
internal static class EmbeddingParquet
{
    public static async Task WriteAsync(string path, string model, IReadOnlyList<EmbeddingRow> rows, CancellationToken cancellationToken)
    {
        var dimension = rows.Count == 0 ? 0 : rows[0].Vector.Length;
        var entity = new DataField<string>("entity_id", false);
        var time = new DataField<DateTime>("event_time", false);
        var modelField = new DataField<string>("model", false);
        var vectorFields = Enumerable.Range(0, dimension).Select(j => new DataField<float>($"e{j.ToString(CultureInfo.InvariantCulture)}", false)).ToArray();
        var schema = new ParquetSchema([entity, time, modelField, .. vectorFields]);
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory);
        var temporary = Path.Combine(directory, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            await using (var stream = File.Create(temporary))
            {
                await using var writer = await ParquetWriter.CreateAsync(schema, stream, cancellationToken: cancellationToken).ConfigureAwait(false);
                using var group = writer.CreateRowGroup();
                await group.WriteAsync(entity, rows.Select(r => r.EntityId).ToList(), null).ConfigureAwait(false);
                await group.WriteAsync<DateTime>(time, rows.Select(r => r.EventTime.UtcDateTime).ToArray(), null, null, cancellationToken).ConfigureAwait(false);
                await group.WriteAsync(modelField, rows.Select(_ => model).ToList(), null).ConfigureAwait(false);
                var column = new float[rows.Count];
                for (var j = 0; j < dimension; j++)
                {
                    for (var i = 0; i < rows.Count; i++)
                    {
                        column[i] = rows[i].Vector[j];
                    }

                    await group.WriteAsync<float>(vectorFields[j], column, null, null, cancellationToken).ConfigureAwait(false);
                }
            }

            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }
}
