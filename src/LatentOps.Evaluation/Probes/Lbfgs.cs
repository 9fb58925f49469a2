namespace LatentOps.Evaluation.Probes;

/// <summary>
/// Limited-memory BFGS with a backtracking Armijo line search, for the smooth convex objectives of
/// the probes. Deterministic; stops on a small gradient, a stalled objective or the iteration cap.
/// </summary>
internal static class Lbfgs
{
    /// <summary>Evaluates the objective at x, writing the gradient; returns the value.</summary>
    public delegate double Objective(ReadOnlySpan<double> x, Span<double> gradient);

    public static (double[] X, double Value, int Iterations) Minimize(Objective objective, double[] start, int maxIterations, double gradientTolerance, int memory = 10)
    {
        var n = start.Length;
        var x = (double[])start.Clone();
        var g = new double[n];
        var f = objective(x, g);
        var s = new List<double[]>();
        var y = new List<double[]>();
        var rho = new List<double>();
        var direction = new double[n];
        var xNew = new double[n];
        var gNew = new double[n];
        var alpha = new double[memory];
        var iteration = 0;
        for (; iteration < maxIterations; iteration++)
        {
            if (MaxAbs(g) <= gradientTolerance)
            {
                break;
            }

            // Two-loop recursion: direction = -H g.
            g.CopyTo(direction, 0);
            for (var j = s.Count - 1; j >= 0; j--)
            {
                alpha[j] = rho[j] * Dot(s[j], direction);
                Axpy(-alpha[j], y[j], direction);
            }

            if (s.Count > 0)
            {
                var last = s.Count - 1;
                var gamma = Dot(s[last], y[last]) / Dot(y[last], y[last]);
                Scale(direction, gamma);
            }

            for (var j = 0; j < s.Count; j++)
            {
                var beta = rho[j] * Dot(y[j], direction);
                Axpy(alpha[j] - beta, s[j], direction);
            }

            Scale(direction, -1);
            var slope = Dot(g, direction);
            if (slope >= 0)
            {
                // Not a descent direction (numerical trouble): restart from steepest descent.
                s.Clear();
                y.Clear();
                rho.Clear();
                g.CopyTo(direction, 0);
                Scale(direction, -1);
                slope = Dot(g, direction);
            }

            var step = s.Count == 0 ? Math.Min(1.0, 1.0 / Math.Max(1e-12, Math.Sqrt(Dot(g, g)))) : 1.0;
            double fNew;
            var accepted = false;
            for (var tries = 0; tries < 60; tries++)
            {
                for (var i = 0; i < n; i++)
                {
                    xNew[i] = x[i] + (step * direction[i]);
                }

                fNew = objective(xNew, gNew);
                if (fNew <= f + (1e-4 * step * slope))
                {
                    accepted = true;
                    var sk = new double[n];
                    var yk = new double[n];
                    for (var i = 0; i < n; i++)
                    {
                        sk[i] = xNew[i] - x[i];
                        yk[i] = gNew[i] - g[i];
                    }

                    var sy = Dot(sk, yk);
                    if (sy > 1e-12 * Math.Sqrt(Dot(sk, sk) * Dot(yk, yk)))
                    {
                        if (s.Count == memory)
                        {
                            s.RemoveAt(0);
                            y.RemoveAt(0);
                            rho.RemoveAt(0);
                        }

                        s.Add(sk);
                        y.Add(yk);
                        rho.Add(1 / sy);
                    }

                    var stalled = Math.Abs(f - fNew) <= 1e-15 * Math.Max(1, Math.Abs(f));
                    xNew.CopyTo(x, 0);
                    gNew.CopyTo(g, 0);
                    f = fNew;
                    if (stalled)
                    {
                        return (x, f, iteration + 1);
                    }

                    break;
                }

                step /= 2;
            }

            if (!accepted)
            {
                break;
            }
        }

        return (x, f, iteration);
    }

    private static double Dot(double[] a, double[] b) => System.Numerics.Tensors.TensorPrimitives.Dot<double>(a, b);

    private static void Axpy(double a, double[] x, double[] y)
    {
        for (var i = 0; i < y.Length; i++)
        {
            y[i] += a * x[i];
        }
    }

    private static void Scale(double[] x, double a)
    {
        for (var i = 0; i < x.Length; i++)
        {
            x[i] *= a;
        }
    }

    private static double MaxAbs(double[] x)
    {
        var max = 0.0;
        foreach (var v in x)
        {
            max = Math.Max(max, Math.Abs(v));
        }

        return max;
    }
}
