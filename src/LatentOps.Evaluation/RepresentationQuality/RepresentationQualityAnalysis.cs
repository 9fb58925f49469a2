using System.Numerics.Tensors;
using MathNet.Numerics.LinearAlgebra;

namespace LatentOps.Evaluation.RepresentationQuality;

/// <summary>Label-free quality indicators of embeddings: RankMe, uniformity, alignment and collapse.</summary>
public static class RepresentationQualityAnalysis
{
    /// <summary>Rows used for uniformity at most (pairs grow quadratically). The default is 2000.</summary>
    public const int DefaultUniformityRows = 2000;

    /// <summary>Computes every indicator.</summary>
    /// <param name="embeddings">Rows x d, finite.</param>
    /// <param name="positives">Optional positive views of the same rows (e.g. corrupted inputs encoded) for alignment.</param>
    /// <param name="uniformityRows">Sample size for uniformity. The default is 2000.</param>
    /// <param name="seed">Seed of that sample. The default is 42.</param>
    public static RepresentationQualityResult Analyse(float[][] embeddings, float[][]? positives = null, int uniformityRows = DefaultUniformityRows, int seed = 42)
    {
        ArgumentNullException.ThrowIfNull(embeddings);
        var d = Probes.FeatureMatrix.Width(embeddings, nameof(embeddings));
        var rankMe = RankMe(embeddings);
        var sample = embeddings;
        if (embeddings.Length > uniformityRows)
        {
            var order = Enumerable.Range(0, embeddings.Length).ToArray();
            new Random(seed).Shuffle(order);
            sample = [.. order.Take(uniformityRows).Order().Select(i => embeddings[i])];
        }

        var uniformity = Uniformity(sample);
        double? alignment = positives is null ? null : Alignment(embeddings, positives);
        var (collapseStd, dead) = Collapse(embeddings);
        var reference = 1 / Math.Sqrt(d);
        var ratio = rankMe / Math.Min(embeddings.Length, d);
        var findings = new List<string>();
        findings.Add(ratio < 0.1
            ? $"Dimensional collapse: RankMe {rankMe:F1} of {Math.Min(embeddings.Length, d)} possible; the embedding uses few directions."
            : $"RankMe {rankMe:F1} of {Math.Min(embeddings.Length, d)} possible ({ratio * 100:0}%): the embedding spreads over many directions.");
        findings.Add(collapseStd / reference < 0.25
            ? $"Collapse warning: per-dimension std of normalised rows {collapseStd:G3} is far below 1/sqrt(d) = {reference:G3}."
            : $"No complete collapse: per-dimension std {collapseStd:G3} vs 1/sqrt(d) = {reference:G3}.");
        if (dead > 0)
        {
            findings.Add($"{dead} of {d} dimensions are constant (dead).");
        }

        return new RepresentationQualityResult(embeddings.Length, d, rankMe, ratio, uniformity, sample.Length, alignment, collapseStd, reference, collapseStd / reference, dead, findings);
    }

    /// <summary>RankMe: exp(-sum p_k log p_k) with p_k = sigma_k / sum(sigma) + 1e-7, sigma the singular values of the (uncentred) rows.</summary>
    public static double RankMe(float[][] embeddings)
    {
        ArgumentNullException.ThrowIfNull(embeddings);
        var d = Probes.FeatureMatrix.Width(embeddings, nameof(embeddings));
        var gram = Matrix<double>.Build.Dense(d, d);
        var row = new double[d];
        var g = new double[d * d];
        foreach (var e in embeddings)
        {
            for (var j = 0; j < d; j++)
            {
                row[j] = e[j];
            }

            for (var a = 0; a < d; a++)
            {
                var ra = row[a];
                if (ra == 0)
                {
                    continue;
                }

                for (var b = a; b < d; b++)
                {
                    g[(a * d) + b] += ra * row[b];
                }
            }
        }

        for (var a = 0; a < d; a++)
        {
            for (var b = a; b < d; b++)
            {
                gram[a, b] = g[(a * d) + b];
                gram[b, a] = g[(a * d) + b];
            }
        }

        var eigen = gram.Evd(Symmetricity.Symmetric).EigenValues.Select(v => Math.Sqrt(Math.Max(v.Real, 0))).ToArray();
        // The Gram matrix has min(rows, d) non-zero eigenvalues; pad like a thin SVD would.
        var singular = eigen.OrderDescending().Take(Math.Min(embeddings.Length, d)).ToArray();
        var total = singular.Sum();
        if (total == 0)
        {
            return 1;
        }

        double entropy = 0;
        foreach (var s in singular)
        {
            var p = (s / total) + 1e-7;
            entropy -= p * Math.Log(p);
        }

        return Math.Exp(entropy);
    }

    /// <summary>Uniformity: log of the mean over pairs i &lt; j of exp(-2 ||u_i - u_j||^2), rows L2-normalised.</summary>
    public static double Uniformity(float[][] embeddings, double t = 2)
    {
        ArgumentNullException.ThrowIfNull(embeddings);
        var d = Probes.FeatureMatrix.Width(embeddings, nameof(embeddings));
        var u = Normalised(embeddings, d);
        var n = embeddings.Length;
        if (n < 2)
        {
            return double.NaN;
        }

        double sum = 0;
        for (var i = 0; i < n; i++)
        {
            var ui = new ReadOnlySpan<double>(u, i * d, d);
            for (var j = i + 1; j < n; j++)
            {
                // ||u - v||^2 = 2 - 2 u.v for unit vectors.
                var sq = Math.Max(0, 2 - (2 * TensorPrimitives.Dot(ui, new ReadOnlySpan<double>(u, j * d, d))));
                sum += Math.Exp(-t * sq);
            }
        }

        return Math.Log(sum / (n * (n - 1) / 2.0));
    }

    /// <summary>Alignment: mean ||u_i - v_i||^2 over row pairs, rows L2-normalised (alpha = 2).</summary>
    public static double Alignment(float[][] embeddings, float[][] positives)
    {
        ArgumentNullException.ThrowIfNull(embeddings);
        ArgumentNullException.ThrowIfNull(positives);
        var d = Probes.FeatureMatrix.Width(embeddings, nameof(embeddings));
        if (positives.Length != embeddings.Length || Probes.FeatureMatrix.Width(positives, nameof(positives)) != d)
        {
            throw new ArgumentException("Positives must have the same shape as the embeddings.", nameof(positives));
        }

        var u = Normalised(embeddings, d);
        var v = Normalised(positives, d);
        double sum = 0;
        for (var i = 0; i < embeddings.Length; i++)
        {
            for (var j = 0; j < d; j++)
            {
                var diff = u[(i * d) + j] - v[(i * d) + j];
                sum += diff * diff;
            }
        }

        return sum / embeddings.Length;
    }

    /// <summary>Mean over dimensions of the (population) std of L2-normalised rows, and the count of dead dimensions.</summary>
    public static (double MeanStd, int DeadDimensions) Collapse(float[][] embeddings)
    {
        ArgumentNullException.ThrowIfNull(embeddings);
        var d = Probes.FeatureMatrix.Width(embeddings, nameof(embeddings));
        var u = Normalised(embeddings, d);
        var n = embeddings.Length;
        double total = 0;
        var raw = new double[d];
        for (var j = 0; j < d; j++)
        {
            double mean = 0, rawMean = 0;
            for (var i = 0; i < n; i++)
            {
                mean += u[(i * d) + j];
                rawMean += embeddings[i][j];
            }

            mean /= n;
            rawMean /= n;
            double variance = 0, rawVariance = 0;
            for (var i = 0; i < n; i++)
            {
                variance += (u[(i * d) + j] - mean) * (u[(i * d) + j] - mean);
                rawVariance += (embeddings[i][j] - rawMean) * (embeddings[i][j] - rawMean);
            }

            total += Math.Sqrt(variance / n);
            raw[j] = Math.Sqrt(rawVariance / n);
        }

        var largest = raw.Max();
        var dead = raw.Count(s => s <= 1e-6 * largest);
        return (total / d, largest == 0 ? d : dead);
    }

    private static double[] Normalised(float[][] rows, int d)
    {
        var output = new double[rows.Length * d];
        for (var i = 0; i < rows.Length; i++)
        {
            double norm = 0;
            for (var j = 0; j < d; j++)
            {
                norm += (double)rows[i][j] * rows[i][j];
            }

            norm = Math.Sqrt(norm);
            for (var j = 0; j < d; j++)
            {
                output[(i * d) + j] = norm > 0 ? rows[i][j] / norm : 0;
            }
        }

        return output;
    }
}
