using System.Numerics.Tensors;

namespace LatentOps.Evaluation.Probes;

/// <summary>
/// L2-regularised logistic regression with scikit-learn's objective: C x (sum of log losses) +
/// 0.5 x ||W||^2, intercepts not penalised. Two classes use one weight vector (sigmoid), more use
/// the multinomial softmax, as scikit-learn's lbfgs solver does.
/// </summary>
internal sealed class LogisticRegression
{
    private LogisticRegression(int dimensions, int classCount, double[] parameters)
    {
        Dimensions = dimensions;
        ClassCount = classCount;
        Parameters = parameters;
    }

    public int Dimensions { get; }

    public int ClassCount { get; }

    /// <summary>Weights (rows x Dimensions) then intercepts (rows); rows = 1 for binary, else ClassCount.</summary>
    public double[] Parameters { get; }

    private int Rows => ClassCount == 2 ? 1 : ClassCount;

    /// <summary>Fits on row-major features <paramref name="x"/> (n x d).</summary>
    public static LogisticRegression Fit(double[] x, int d, int[] y, int classCount, double c, int maxIterations, double tolerance, double[]? warmStart = null)
    {
        var rows = classCount == 2 ? 1 : classCount;
        var n = y.Length;
        var start = warmStart is { } w && w.Length == (rows * d) + rows ? (double[])w.Clone() : new double[(rows * d) + rows];
        var logits = new double[rows];
        var probs = new double[rows];
        double Objective(ReadOnlySpan<double> p, Span<double> grad)
        {
            grad.Clear();
            double loss = 0;
            for (var i = 0; i < n; i++)
            {
                var xi = new ReadOnlySpan<double>(x, i * d, d);
                for (var r = 0; r < rows; r++)
                {
                    logits[r] = TensorPrimitives.Dot(p.Slice(r * d, d), xi) + p[(rows * d) + r];
                }

                if (rows == 1)
                {
                    // Binary: loss = log(1 + exp(-s z)), s = +1 for class 1.
                    var z = logits[0];
                    var s = y[i] == 1 ? 1.0 : -1.0;
                    var m = -s * z;
                    loss += m > 0 ? m + Math.Log(1 + Math.Exp(-m)) : Math.Log(1 + Math.Exp(m));
                    var sigma = 1 / (1 + Math.Exp(-z));
                    probs[0] = sigma - (y[i] == 1 ? 1 : 0);
                }
                else
                {
                    var max = double.NegativeInfinity;
                    for (var r = 0; r < rows; r++)
                    {
                        max = Math.Max(max, logits[r]);
                    }

                    double sum = 0;
                    for (var r = 0; r < rows; r++)
                    {
                        probs[r] = Math.Exp(logits[r] - max);
                        sum += probs[r];
                    }

                    loss += Math.Log(sum) + max - logits[y[i]];
                    for (var r = 0; r < rows; r++)
                    {
                        probs[r] = (probs[r] / sum) - (r == y[i] ? 1 : 0);
                    }
                }

                for (var r = 0; r < rows; r++)
                {
                    var coefficient = c * probs[r];
                    var gr = grad.Slice(r * d, d);
                    for (var j = 0; j < d; j++)
                    {
                        gr[j] += coefficient * xi[j];
                    }

                    grad[(rows * d) + r] += coefficient;
                }
            }

            double penalty = 0;
            for (var j = 0; j < rows * d; j++)
            {
                penalty += p[j] * p[j];
                grad[j] += p[j];
            }

            return (c * loss) + (0.5 * penalty);
        }

        var (parameters, _, _) = Lbfgs.Minimize(Objective, start, maxIterations, tolerance);
        return new LogisticRegression(d, classCount, parameters);
    }

    /// <summary>Class probabilities of row-major features (n x d), row-major (n x ClassCount).</summary>
    public double[] PredictProbabilities(double[] x)
    {
        var d = Dimensions;
        var n = x.Length / d;
        var k = ClassCount;
        var rows = Rows;
        var output = new double[n * k];
        var logits = new double[rows];
        for (var i = 0; i < n; i++)
        {
            var xi = new ReadOnlySpan<double>(x, i * d, d);
            for (var r = 0; r < rows; r++)
            {
                logits[r] = TensorPrimitives.Dot(new ReadOnlySpan<double>(Parameters, r * d, d), xi) + Parameters[(rows * d) + r];
            }

            if (rows == 1)
            {
                var p = 1 / (1 + Math.Exp(-logits[0]));
                output[i * 2] = 1 - p;
                output[(i * 2) + 1] = p;
                continue;
            }

            var max = logits.Max();
            double sum = 0;
            for (var r = 0; r < rows; r++)
            {
                logits[r] = Math.Exp(logits[r] - max);
                sum += logits[r];
            }

            for (var r = 0; r < rows; r++)
            {
                output[(i * k) + r] = logits[r] / sum;
            }
        }

        return output;
    }
}
