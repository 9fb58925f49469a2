namespace LatentOps.Evaluation.Probes;

/// <summary>Dense row-major double matrices from float[][] and standardisation.</summary>
internal static class FeatureMatrix
{
    public static int Width(float[][] rows, string name)
    {
        if (rows.Length == 0)
        {
            throw new ArgumentException($"{name} has no rows.", name);
        }

        var d = rows[0].Length;
        for (var i = 0; i < rows.Length; i++)
        {
            if (rows[i].Length != d)
            {
                throw new ArgumentException($"{name} row {i} has {rows[i].Length} values; row 0 has {d}.", name);
            }

            foreach (var v in rows[i])
            {
                if (!float.IsFinite(v))
                {
                    throw new ArgumentException($"{name} row {i} has a non-finite value; impute missing values first.", name);
                }
            }
        }

        return d;
    }

    public static (double[] Mean, double[] Scale) Standardiser(float[][] rows, int d)
    {
        var mean = new double[d];
        var scale = new double[d];
        foreach (var row in rows)
        {
            for (var j = 0; j < d; j++)
            {
                mean[j] += row[j];
            }
        }

        for (var j = 0; j < d; j++)
        {
            mean[j] /= rows.Length;
        }

        foreach (var row in rows)
        {
            for (var j = 0; j < d; j++)
            {
                scale[j] += (row[j] - mean[j]) * (row[j] - mean[j]);
            }
        }

        for (var j = 0; j < d; j++)
        {
            var sd = Math.Sqrt(scale[j] / rows.Length);
            scale[j] = sd > 0 ? sd : 1;
        }

        return (mean, scale);
    }

    public static double[] Standardise(float[][] rows, int d, double[] mean, double[] scale, IReadOnlyList<int>? select = null)
    {
        var count = select?.Count ?? rows.Length;
        var output = new double[count * d];
        for (var i = 0; i < count; i++)
        {
            var row = rows[select?[i] ?? i];
            for (var j = 0; j < d; j++)
            {
                output[(i * d) + j] = (row[j] - mean[j]) / scale[j];
            }
        }

        return output;
    }
}
