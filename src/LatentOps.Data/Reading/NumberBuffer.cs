using LatentOps.Core.Tables;

namespace LatentOps.Data.Reading;

/// <summary>
/// The values of a number column while a file streams past, in the narrowest storage that gives every
/// value back as exactly the double parsed: whole numbers scaled by a power of ten (<c>m / 10^d</c>, e.g.
/// 13.56 as 1356 with d = 2) in sbyte, short or int, widened when a value needs more room or more
/// decimals, and doubles once a value fits none of them. A million short decimals take 1 to 4 MB, not 8.
/// </summary>
internal sealed class NumberBuffer(int capacity)
{
    private const int MaxDecimals = 9;
    private static readonly double[] Divisors = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9];
    private sbyte[]? _i8 = new sbyte[Math.Max(0, capacity)];
    private short[]? _i16;
    private int[]? _i32;
    private double[]? _f64;
    private ulong[]? _missing;
    private int _decimals;
    private long _min;
    private long _max;
    private bool _hasValue;

    public int Count { get; private set; }

    /// <summary>True once values are held as doubles.</summary>
    public bool IsWide => _f64 is not null;

    public void AddMissing()
    {
        EnsureRoom();
        if (_f64 is not null)
        {
            _f64[Count++] = double.NaN;
            return;
        }

        _missing ??= new ulong[(Capacity + 63) >> 6];
        _missing[Count >> 6] |= 1UL << Count;
        Count++;
    }

    public void Add(double value)
    {
        if (double.IsNaN(value))
        {
            AddMissing();
            return;
        }

        EnsureRoom();
        if (_f64 is null && !TryAddScaled(value))
        {
            Widen();
        }

        if (_f64 is not null)
        {
            _f64[Count] = value;
        }

        Count++;
    }

    /// <summary>The value of row <paramref name="row"/> (NaN when missing), as the column will hold it.</summary>
    public double this[int row]
    {
        get
        {
            if (_f64 is not null)
            {
                return _f64[row];
            }

            return IsMissing(row) ? double.NaN : Scaled(row) / ScaledDivisor(_decimals);
        }
    }

    /// <summary>The column, releasing the buffer.</summary>
    public NumericColumn Build(string name, ColumnType type)
    {
        var count = Count;
        NumericColumn column;
        if (_f64 is not null)
        {
            column = new NumericColumn(name, Exact(_f64, count), type);
        }
        else if (_i8 is not null)
        {
            column = NumericColumn.FromScaled(name, Exact(_i8, count), _decimals, _missing, type);
        }
        else if (_i16 is not null)
        {
            column = NumericColumn.FromScaled(name, Exact(_i16, count), _decimals, _missing, type);
        }
        else
        {
            column = NumericColumn.FromScaled(name, Exact(_i32!, count), _decimals, _missing, type);
        }

        _i8 = null;
        _i16 = null;
        _i32 = null;
        _f64 = null;
        _missing = null;
        Count = 0;
        return column;
    }

    private int Capacity => _f64?.Length ?? _i8?.Length ?? _i16?.Length ?? _i32!.Length;

    private static double ScaledDivisor(int decimals) => Divisors[decimals];

    private static T[] Exact<T>(T[] array, int count)
    {
        if (array.Length != count)
        {
            Array.Resize(ref array, count);
        }

        return array;
    }

    private bool IsMissing(int row) => _missing is not null && (_missing[row >> 6] & (1UL << row)) != 0;

    private long Scaled(int row) => _i8 is not null ? _i8[row] : _i16 is not null ? _i16[row] : _i32![row];

    /// <summary>Stores <paramref name="value"/> as a scaled whole number when some number of decimals gives it back exactly.</summary>
    private bool TryAddScaled(double value)
    {
        for (var decimals = _decimals; decimals <= MaxDecimals; decimals++)
        {
            var scaled = Math.Round(value * Divisors[decimals]);
            if (Math.Abs(scaled) > int.MaxValue)
            {
                return false;
            }

            var m = (long)scaled;
            // Bit-equal (not just ==): -0 must not come back as 0.
            if (BitConverter.DoubleToInt64Bits(m / Divisors[decimals]) != BitConverter.DoubleToInt64Bits(value))
            {
                continue;
            }

            if (decimals > _decimals && !Rescale(decimals))
            {
                return false;
            }

            Store(m);
            return true;
        }

        return false;
    }

    /// <summary>Multiplies the values so far by a power of ten to hold <paramref name="decimals"/> decimals; false when they would not fit an int.</summary>
    private bool Rescale(int decimals)
    {
        var factor = (long)Divisors[decimals - _decimals];
        if (_hasValue && (Math.Max(Math.Abs(_min), Math.Abs(_max)) * factor) > int.MaxValue)
        {
            return false;
        }

        var count = Count;
        var min = _min * factor;
        var max = _max * factor;
        FitRange(min, max);
        for (var i = 0; i < count; i++)
        {
            if (!IsMissing(i))
            {
                Set(i, Scaled(i) * factor);
            }
        }

        _min = min;
        _max = max;
        _decimals = decimals;
        return true;
    }

    private void Store(long m)
    {
        if (!_hasValue)
        {
            _min = m;
            _max = m;
            _hasValue = true;
        }

        _min = Math.Min(_min, m);
        _max = Math.Max(_max, m);
        FitRange(_min, _max);
        Set(Count, m);
    }

    private void FitRange(long min, long max)
    {
        if (_i8 is not null && (min < sbyte.MinValue || max > sbyte.MaxValue))
        {
            var wider = new short[_i8.Length];
            for (var i = 0; i < Count; i++)
            {
                wider[i] = _i8[i];
            }

            _i8 = null;
            _i16 = wider;
        }

        if (_i16 is not null && (min < short.MinValue || max > short.MaxValue))
        {
            var wider = new int[_i16.Length];
            for (var i = 0; i < Count; i++)
            {
                wider[i] = _i16[i];
            }

            _i16 = null;
            _i32 = wider;
        }
    }

    private void Set(int row, long m)
    {
        if (_i8 is not null)
        {
            _i8[row] = (sbyte)m;
        }
        else if (_i16 is not null)
        {
            _i16[row] = (short)m;
        }
        else
        {
            _i32![row] = (int)m;
        }
    }

    /// <summary>Switches to doubles: the values so far are decoded exactly as the narrow column would give them.</summary>
    private void Widen()
    {
        var wide = new double[Capacity];
        for (var i = 0; i < Count; i++)
        {
            wide[i] = this[i];
        }

        _f64 = wide;
        _i8 = null;
        _i16 = null;
        _i32 = null;
        _missing = null;
    }

    private void EnsureRoom()
    {
        var capacity = Capacity;
        if (Count < capacity)
        {
            return;
        }

        var grown = Math.Max(16, capacity * 2);
        if (_f64 is not null)
        {
            Array.Resize(ref _f64, grown);
        }
        else if (_i8 is not null)
        {
            Array.Resize(ref _i8, grown);
        }
        else if (_i16 is not null)
        {
            Array.Resize(ref _i16, grown);
        }
        else
        {
            Array.Resize(ref _i32, grown);
        }

        if (_missing is not null)
        {
            Array.Resize(ref _missing, (grown + 63) >> 6);
        }
    }
}
