using LatentOps.Core.Tables;
using LatentOps.Learning.Encoders;
using LatentOps.Learning.Preprocessing;

namespace LatentOps.Learning.Hybrids;

/// <summary>Builds the feature matrix of a hybrid model: raw (numeric features + one-hot categories) and/or embedding.</summary>
internal sealed class HybridFeatures(FittedPreprocessor preprocessor, TabularEncoderModel? encoder, HybridFeatureSet set)
{
    public int Width => (set != HybridFeatureSet.Embedding ? RawWidth : 0) + (set != HybridFeatureSet.Raw ? encoder!.EmbeddingDimension : 0);

    private int RawWidth => preprocessor.NumericWidth + preprocessor.CategoricalColumns.Sum(c => c.Cardinality);

    public float[][] Build(Table table)
    {
        var encoded = preprocessor.Transform(table);
        var embeddings = set == HybridFeatureSet.Raw ? null : encoder!.Embed(encoded);
        var cards = preprocessor.CategoricalColumns.Select(c => c.Cardinality).ToArray();
        var rows = new float[encoded.Rows][];
        for (var r = 0; r < encoded.Rows; r++)
        {
            var row = new float[Width];
            var offset = 0;
            if (set != HybridFeatureSet.Embedding)
            {
                encoded.Numeric.AsSpan(r * encoded.NumericWidth, encoded.NumericWidth).CopyTo(row);
                offset = encoded.NumericWidth;
                for (var c = 0; c < cards.Length; c++)
                {
                    row[offset + (int)encoded.Categories[(r * cards.Length) + c]] = 1f;
                    offset += cards[c];
                }
            }

            embeddings?.Row(r).CopyTo(row.AsSpan(offset));
            rows[r] = row;
        }

        return rows;
    }
}
