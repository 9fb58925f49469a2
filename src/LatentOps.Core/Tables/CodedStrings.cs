using System.Numerics;

namespace LatentOps.Core.Tables;

/// <summary>The coded storage of a <see cref="StringColumn"/>: one code per row into a lookup whose entry 0 is null (missing).</summary>
internal abstract class CodedStrings(int length, string?[] lookup)
{
    public int Length { get; } = length;

    protected string?[] Lookup { get; } = lookup;

    public abstract int BytesPerCode { get; }

    public abstract string? this[int row] { get; }

    public abstract CodedStrings Take(ReadOnlySpan<int> rows);
}

/// <summary><see cref="CodedStrings"/> with codes of type <typeparamref name="T"/>.</summary>
internal sealed class CodedStrings<T>(T[] codes, int length, string?[] lookup) : CodedStrings(length, lookup)
    where T : unmanaged, IBinaryInteger<T>
{
    public override int BytesPerCode => System.Runtime.CompilerServices.Unsafe.SizeOf<T>();

    public override string? this[int row] => Lookup[int.CreateTruncating(codes[row])];

    public override CodedStrings Take(ReadOnlySpan<int> rows)
    {
        var taken = new T[rows.Length];
        for (var i = 0; i < rows.Length; i++)
        {
            taken[i] = codes[rows[i]];
        }

        return new CodedStrings<T>(taken, rows.Length, Lookup);
    }
}
