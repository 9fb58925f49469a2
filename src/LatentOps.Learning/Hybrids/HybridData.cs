using Microsoft.ML;
using Microsoft.ML.Data;

namespace LatentOps.Learning.Hybrids;

/// <summary>ML.NET data views over a feature matrix.</summary>
internal static class HybridData
{
    public static IDataView Binary(MLContext ml, float[][] features, long[]? labels, int width)
    {
        var schema = SchemaDefinition.Create(typeof(BinaryRow));
        schema[nameof(BinaryRow.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, width);
        return ml.Data.LoadFromEnumerable(features.Select((f, i) => new BinaryRow { Features = f, Label = labels is not null && labels[i] == 1 }), schema);
    }

    public static IDataView Multiclass(MLContext ml, float[][] features, long[]? labels, int width)
    {
        var schema = SchemaDefinition.Create(typeof(MulticlassRow));
        schema[nameof(MulticlassRow.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, width);
        return ml.Data.LoadFromEnumerable(features.Select((f, i) => new MulticlassRow { Features = f, Label = labels is null ? 0 : labels[i] }), schema);
    }

    internal sealed class BinaryRow
    {
        public bool Label { get; set; }

        public float[] Features { get; set; } = [];
    }

    internal sealed class MulticlassRow
    {
        public float Label { get; set; }

        public float[] Features { get; set; } = [];
    }
}
