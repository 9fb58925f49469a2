namespace LatentOps.Monitoring.Internal;

/// <summary>
/// L2-regularised logistic regression on standardised features, fitted by full-batch gradient descent
/// with Nesterov momentum: enough for a domain classifier. Internal until Learning/Evaluation offer one.
/// </summary>
internal static class LogisticRegression
{
    public static (double[] Weights, double Bias, double[] Mean, double[] Scale) Fit(float[] x, int d, int[] rows, bool[] y, int iterations = 150, double l2 = 1e-3)
    {
        var n = rows.Length;
        var mean = new double[d];
        var scale = new double[d];
        foreach (var r in rows)
        {
            for (var k = 0; k < d; k++)
            {
                mean[k] += x[(r * d) + k];
            }
        }

        for (var k = 0; k < d; k++)
        {
            mean[k] /= n;
        }

        foreach (var r in rows)
        {
            for (var k = 0; k < d; k++)
            {
                var centred = x[(r * d) + k] - mean[k];
                scale[k] += centred * centred;
            }
        }

        for (var k = 0; k < d; k++)
        {
            scale[k] = Math.Sqrt(scale[k] / n);
            scale[k] = scale[k] > 1e-12 ? 1 / scale[k] : 0;
        }

        var z = new double[n * d];
        for (var i = 0; i < n; i++)
        {
            for (var k = 0; k < d; k++)
            {
                z[(i * d) + k] = (x[(rows[i] * d) + k] - mean[k]) * scale[k];
            }
        }

        var w = new double[d];
        var v = new double[d];
        double b = 0, vb = 0;
        var grad = new double[d];
        const double rate = 0.5, momentum = 0.9;
        var look = new double[d];
        for (var it = 0; it < iterations; it++)
        {
            for (var k = 0; k < d; k++)
            {
                look[k] = w[k] + (momentum * v[k]);
            }

            var lookB = b + (momentum * vb);
            Array.Clear(grad);
            double gb = 0;
            for (var i = 0; i < n; i++)
            {
                var row = z.AsSpan(i * d, d);
                var p = Sigmoid(System.Numerics.Tensors.TensorPrimitives.Dot(row, look) + lookB);
                var e = p - (y[rows[i]] ? 1 : 0);
                System.Numerics.Tensors.TensorPrimitives.MultiplyAdd(row, e, grad, grad);
                gb += e;
            }

            for (var k = 0; k < d; k++)
            {
                v[k] = (momentum * v[k]) - (rate * ((grad[k] / n) + (l2 * look[k])));
                w[k] += v[k];
            }

            vb = (momentum * vb) - (rate * gb / n);
            b += vb;
        }

        return (w, b, mean, scale);
    }

    public static double Predict((double[] Weights, double Bias, double[] Mean, double[] Scale) model, ReadOnlySpan<float> row)
    {
        var s = model.Bias;
        for (var k = 0; k < row.Length; k++)
        {
            s += (row[k] - model.Mean[k]) * model.Scale[k] * model.Weights[k];
        }

        return Sigmoid(s);
    }

    private static double Sigmoid(double v) => v >= 0 ? 1 / (1 + Math.Exp(-v)) : Math.Exp(v) / (1 + Math.Exp(v));
}
