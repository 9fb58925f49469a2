using System.Numerics;

namespace LatentOps.Core.Tables;

/// <summary>
/// The narrow storage of a <see cref="NumericColumn"/>: whole numbers <c>m</c> of a small integer type
/// standing for <c>m / 10^decimals</c> (computed as one correctly rounded IEEE division, so a value is
/// the same double whatever the width), with missing rows marked in a bitmap.
/// </summary>
internal abstract class ScaledNumbers
{
    /// <summary>Powers of ten exactly representable as doubles, by number of decimals.</summary>
    public static readonly double[] Divisors = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18];

    protected ScaledNumbers(int length, int decimals, ulong[]? missing)
    {
        Length = length;
        Decimals = decimals;
        Divisor = Divisors[decimals];
        Missing = missing;
    }

    public int Length { get; }

    public int Decimals { get; }

    public double Divisor { get; }

    /// <summary>Bit <c>i % 64</c> of word <c>i / 64</c> is set when row <c>i</c> is missing; null when none is.</summary>
    public ulong[]? Missing { get; }

    public abstract int BytesPerValue { get; }

    public bool IsMissing(int row) => Missing is not null && (Missing[row >> 6] & (1UL << row)) != 0;

    public abstract double this[int row] { get; }

    public abstract void CopyTo(int start, Span<double> destination);

    public abstract ScaledNumbers Take(ReadOnlySpan<int> rows);

    protected ulong[]? TakeMissing(ReadOnlySpan<int> rows)
    {
        if (Missing is null)
        {
            return null;
        }

        ulong[]? taken = null;
        for (var i = 0; i < rows.Length; i++)
        {
            if (IsMissing(rows[i]))
            {
                taken ??= new ulong[(rows.Length + 63) >> 6];
                taken[i >> 6] |= 1UL << i;
            }
        }

        return taken;
    }
}

/// <summary><see cref="ScaledNumbers"/> held as <typeparamref name="T"/>.</summary>
internal sealed class ScaledNumbers<T>(T[] values, int length, int decimals, ulong[]? missing) : ScaledNumbers(length, decimals, missing)
    where T : unmanaged, IBinaryInteger<T>
{
    private readonly T[] _values = values;

    public override int BytesPerValue => System.Runtime.CompilerServices.Unsafe.SizeOf<T>();

    public override double this[int row]
    {
        get
        {
            var value = _values[row];
            return IsMissing(row) ? double.NaN : double.CreateTruncating(value) / Divisor;
        }
    }

    public override void CopyTo(int start, Span<double> destination)
    {
        var source = _values.AsSpan(start, destination.Length);
        var divisor = Divisor;
        for (var i = 0; i < source.Length; i++)
        {
            destination[i] = double.CreateTruncating(source[i]) / divisor;
        }

        if (Missing is not null)
        {
            for (var i = 0; i < destination.Length; i++)
            {
                if (IsMissing(start + i))
                {
                    destination[i] = double.NaN;
                }
            }
        }
    }

    public override ScaledNumbers Take(ReadOnlySpan<int> rows)
    {
        var taken = new T[rows.Length];
        for (var i = 0; i < rows.Length; i++)
        {
            taken[i] = _values[rows[i]];
        }

        return new ScaledNumbers<T>(taken, rows.Length, Decimals, TakeMissing(rows));
    }
}
