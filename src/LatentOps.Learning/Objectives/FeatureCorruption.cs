using static TorchSharp.torch;

namespace LatentOps.Learning.Objectives;

/// <summary>
/// SCARF corruption (also the DAE's swap noise): each source column of each row is replaced, with
/// probability <c>rate</c>, by the same column's value in a uniformly drawn row of the training data,
/// i.e. a draw from that feature's empirical marginal. A column's features (value and missing flag,
/// datetime parts) are replaced together.
/// </summary>
internal sealed class FeatureCorruption : IDisposable
{
    private readonly Tensor poolNumeric;
    private readonly Tensor poolCategories;
    private readonly Tensor numericColumnOf;
    private readonly Tensor categoryColumnOf;
    private readonly Tensor numericOffsets;
    private readonly Tensor categoryOffsets;
    private readonly long rows;
    private readonly long columns;

    public FeatureCorruption(Tensor poolNumeric, Tensor poolCategories, long[] numericColumnOf, long[] categoryColumnOf, long columns)
    {
        this.poolNumeric = poolNumeric.reshape(-1).DetachFromDisposeScope();
        this.poolCategories = poolCategories.reshape(-1).DetachFromDisposeScope();
        rows = poolNumeric.shape[0];
        this.columns = columns;
        this.numericColumnOf = tensor(numericColumnOf, ScalarType.Int64).DetachFromDisposeScope();
        this.categoryColumnOf = tensor(categoryColumnOf, ScalarType.Int64).DetachFromDisposeScope();
        numericOffsets = arange(numericColumnOf.Length, ScalarType.Int64).DetachFromDisposeScope();
        categoryOffsets = arange(categoryColumnOf.Length, ScalarType.Int64).DetachFromDisposeScope();
    }

    public (Tensor Numeric, Tensor Categories, Tensor NumericMask, Tensor CategoryMask) Corrupt(Tensor numeric, Tensor categories, double rate, Generator generator)
    {
        var batch = numeric.shape[0];
        var mask = rand([batch, columns], generator: generator).lt(rate);
        var donors = randint(0, rows, [batch, columns], dtype: ScalarType.Int64, generator: generator);
        var fn = numericColumnOf.shape[0];
        var fc = categoryColumnOf.shape[0];
        Tensor outNumeric = numeric, outCategories = categories, numericMask = zeros([batch, fn], ScalarType.Bool), categoryMask = zeros([batch, fc], ScalarType.Bool);
        if (fn > 0)
        {
            numericMask = mask.index_select(1, numericColumnOf);
            var index = donors.index_select(1, numericColumnOf).mul(fn).add(numericOffsets);
            outNumeric = where(numericMask, poolNumeric.take(index), numeric);
        }

        if (fc > 0)
        {
            categoryMask = mask.index_select(1, categoryColumnOf);
            var index = donors.index_select(1, categoryColumnOf).mul(fc).add(categoryOffsets);
            outCategories = where(categoryMask, poolCategories.take(index), categories);
        }

        return (outNumeric, outCategories, numericMask, categoryMask);
    }

    public void Dispose()
    {
        poolNumeric.Dispose();
        poolCategories.Dispose();
        numericColumnOf.Dispose();
        categoryColumnOf.Dispose();
        numericOffsets.Dispose();
        categoryOffsets.Dispose();
    }
}
