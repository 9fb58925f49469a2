using System.Diagnostics;
using System.Globalization;
using LatentOps.Core.Progress;
using LatentOps.Insights.Columns;
using LatentOps.Insights.Customers;
using LatentOps.Insights.Segments;

namespace LatentOps.Insights.Products;

/// <summary>Learns product embeddings from purchases and lists, for every product, the products bought by similar customers.</summary>
internal static class ProductFinder
{
    /// <summary>A held-out product counts as found when it ranks in the top this share of products.</summary>
    public const double HitShare = 0.10;

    public static (IReadOnlyList<ProductInsight> Products, ProductModelSummary Summary) Find(
        SalesLines lines, CustomerProfiles profiles, double[][] customerEmbeddings, int[] segmentOf, IReadOnlyList<CustomerSegment> segments,
        SalesInsightsOptions options, IProgress<ProgressUpdate>? progress, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var productIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        var names = new List<string>();
        var categories = new List<string?>();
        var subCategories = new List<string?>();
        var productOfLine = new int[lines.Count];
        for (var i = 0; i < lines.Count; i++)
        {
            if (!productIndex.TryGetValue(lines.Product[i], out var p))
            {
                p = productIndex.Count;
                productIndex.Add(lines.Product[i], p);
                names.Add(lines.ProductName[i] ?? lines.Product[i]);
                categories.Add(lines.Category[i]);
                subCategories.Add(lines.SubCategory[i]);
            }

            productOfLine[i] = p;
        }

        var ids = new string[productIndex.Count];
        foreach (var (id, p) in productIndex)
        {
            ids[p] = id;
        }

        var products = ids.Length;
        var groupNames = subCategories.Select(s => s ?? string.Empty).Distinct(StringComparer.Ordinal).Where(s => s.Length > 0).Order(StringComparer.Ordinal).ToList();
        var groupIndex = groupNames.Select((g, i) => (g, i)).ToDictionary(p => p.g, p => p.i, StringComparer.Ordinal);
        var productGroup = subCategories.Select(s => s is not null && groupIndex.TryGetValue(s, out var g) ? g : -1).ToArray();

        var buyers = new HashSet<int>[products];
        var sales = new double[products];
        for (var p = 0; p < products; p++)
        {
            buyers[p] = [];
        }

        for (var i = 0; i < lines.Count; i++)
        {
            buyers[productOfLine[i]].Add(profiles.LineCustomer[i]);
            sales[productOfLine[i]] += lines.Sales[i];
        }

        var purchases = buyers.SelectMany((set, p) => set.Select(c => (Customer: c, Product: p))).OrderBy(x => x.Customer).ThenBy(x => x.Product).ToArray();
        var features = Standardised(customerEmbeddings);
        var totalEpochs = options.ProductEpochs * 2;

        // 1. A check fit with one purchase per customer hidden, to measure whether the embeddings predict purchases.
        var (hitRate, popularityRate) = HeldOutCheck(purchases, profiles.Count, products, groupNames.Count, features, productGroup, options, progress, totalEpochs, cancellationToken);

        // 2. The model used for the answers, trained on every purchase.
        using var model = PurchaseModel.Train(
            profiles.Count, products, groupNames.Count, features, productGroup, purchases, options.EmbeddingDimension, options.ProductEpochs, options.Seed, options.Threads,
            progress is null ? null : new Offset(progress, options.ProductEpochs, totalEpochs),
            e => string.Create(CultureInfo.InvariantCulture, $"learning which products the same customers buy: pass {e + options.ProductEpochs} of {totalEpochs}"),
            cancellationToken);
        var vectors = Normalised(model.ProductVectors());

        var insights = new List<ProductInsight>(products);
        for (var p = 0; p < products; p++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var nearest = Nearest(vectors, p, options.SimilarProducts);
            var similar = nearest.Select(n => new SimilarProduct(
                ids[n.Product],
                names[n.Product],
                subCategories[n.Product],
                Math.Round(n.Cosine, 4),
                buyers[p].Count(buyers[n.Product].Contains),
                Reason(p, n.Product, buyers, categories, subCategories, segmentOf, segments))).ToList();
            insights.Add(new ProductInsight(ids[p], names[p], categories[p], subCategories[p], buyers[p].Count, Math.Round(sales[p], 2), similar));
        }

        var summary = new ProductModelSummary(
            "hybrid matrix factorisation (customer vector + projected customer embedding, product vector + sub-category vector), 4 sampled non-purchases per purchase",
            purchases.Length,
            options.ProductEpochs,
            model.FinalLoss,
            Math.Round(hitRate, 4),
            Math.Round(popularityRate, 4),
            clock.Elapsed.TotalSeconds);
        return (insights, summary);
    }

    private static (double Model, double Popularity) HeldOutCheck(
        (int Customer, int Product)[] purchases, int customers, int products, int groups, float[][] features, int[] productGroup,
        SalesInsightsOptions options, IProgress<ProgressUpdate>? progress, int totalEpochs, CancellationToken cancellationToken)
    {
        var random = new Random(options.Seed);
        var byCustomer = purchases.GroupBy(p => p.Customer).ToDictionary(g => g.Key, g => g.Select(p => p.Product).ToArray());
        var held = new List<(int Customer, int Product)>();
        foreach (var (customer, bought) in byCustomer.OrderBy(p => p.Key))
        {
            if (bought.Length >= 3)
            {
                held.Add((customer, bought[random.Next(bought.Length)]));
            }
        }

        if (held.Count == 0)
        {
            return (double.NaN, double.NaN);
        }

        var heldSet = held.ToHashSet();
        var training = purchases.Where(p => !heldSet.Contains(p)).ToArray();
        using var model = PurchaseModel.Train(
            customers, products, groups, features, productGroup, training, options.EmbeddingDimension, options.ProductEpochs, options.Seed, options.Threads, progress is null ? null : new Offset(progress, 0, totalEpochs),
            e => string.Create(CultureInfo.InvariantCulture, $"checking how well purchases can be predicted: pass {e} of {totalEpochs}"),
            cancellationToken);
        var popularity = new double[products];
        var seen = new HashSet<(int, int)>();
        foreach (var (c, p) in training)
        {
            popularity[p]++;
            seen.Add((c, p));
        }

        var scores = model.Scores([.. held.Select(h => h.Customer)]);
        double modelHits = 0, popularityHits = 0;
        for (var h = 0; h < held.Count; h++)
        {
            var (customer, target) = held[h];
            var row = scores.AsSpan(h * products, products);
            double modelRank = 0, popularityRank = 0;
            var candidates = 0;
            for (var p = 0; p < products; p++)
            {
                if (p == target || seen.Contains((customer, p)))
                {
                    continue;
                }

                candidates++;
                modelRank += row[p] > row[target] ? 1 : row[p] == row[target] ? 0.5 : 0;
                popularityRank += popularity[p] > popularity[target] ? 1 : popularity[p] == popularity[target] ? 0.5 : 0;
            }

            var cutoff = HitShare * (candidates + 1);
            modelHits += modelRank < cutoff ? 1 : 0;
            popularityHits += popularityRank < cutoff ? 1 : 0;
        }

        return (modelHits / held.Count, popularityHits / held.Count);
    }

    private static string Reason(int a, int b, HashSet<int>[] buyers, List<string?> categories, List<string?> subCategories, int[] segmentOf, IReadOnlyList<CustomerSegment> segments)
    {
        var parts = new List<string>();
        var shared = buyers[a].Count(buyers[b].Contains);
        if (shared > 0)
        {
            parts.Add(shared == 1 ? "1 customer bought both" : $"{shared} customers bought both");
        }

        var (segmentA, shareA) = TopSegment(buyers[a], segmentOf);
        var (segmentB, shareB) = TopSegment(buyers[b], segmentOf);
        var overallShare = segments[segmentA].ShareOfCustomers;
        if (segmentA == segmentB && shareA >= 0.5 && shareB >= 0.5 && Math.Min(shareA, shareB) >= 1.25 * overallShare)
        {
            parts.Add($"most buyers of both are in segment {segmentA + 1} ({Lower(segments[segmentA].Description)})");
        }

        if (subCategories[a] is { } sa && sa == subCategories[b])
        {
            parts.Add($"both are {sa}");
        }
        else if (categories[a] is { } ca && ca == categories[b])
        {
            parts.Add($"both are {ca}");
        }

        if (parts.Count == 0)
        {
            parts.Add("bought by customers who buy in a similar way");
        }

        var text = string.Join("; ", parts);
        return char.ToUpperInvariant(text[0]) + text[1..] + ".";
    }

    private static string Lower(string description) =>
        description.Length == 0 ? description : char.ToLowerInvariant(description[0]) + description[1..].TrimEnd('.');

    private static (int Segment, double Share) TopSegment(HashSet<int> buyers, int[] segmentOf)
    {
        var top = buyers.GroupBy(c => segmentOf[c]).Select(g => (Segment: g.Key, Count: g.Count())).OrderByDescending(g => g.Count).ThenBy(g => g.Segment).First();
        return (top.Segment, (double)top.Count / buyers.Count);
    }

    private static List<(int Product, double Cosine)> Nearest(float[][] vectors, int p, int k)
    {
        var best = new List<(int Product, double Cosine)>(k + 1);
        var self = vectors[p];
        for (var q = 0; q < vectors.Length; q++)
        {
            if (q == p)
            {
                continue;
            }

            var cosine = (double)System.Numerics.Tensors.TensorPrimitives.Dot(self, vectors[q]);
            if (best.Count < k || cosine > best[^1].Cosine)
            {
                var at = best.FindIndex(b => cosine > b.Cosine);
                best.Insert(at < 0 ? best.Count : at, (q, cosine));
                if (best.Count > k)
                {
                    best.RemoveAt(best.Count - 1);
                }
            }
        }

        return best;
    }

    private static float[][] Normalised(float[][] vectors) =>
        [.. vectors.Select(v =>
        {
            var norm = Math.Sqrt(v.Sum(x => (double)x * x));
            return norm < 1e-12 ? v : v.Select(x => (float)(x / norm)).ToArray();
        })];

    private static float[][] Standardised(double[][] embeddings)
    {
        var d = embeddings[0].Length;
        var mean = new double[d];
        var std = new double[d];
        for (var j = 0; j < d; j++)
        {
            mean[j] = embeddings.Average(e => e[j]);
            std[j] = Math.Sqrt(embeddings.Average(e => (e[j] - mean[j]) * (e[j] - mean[j])));
        }

        return [.. embeddings.Select(e => Enumerable.Range(0, d).Select(j => (float)((e[j] - mean[j]) / Math.Max(std[j], 1e-9))).ToArray())];
    }

    private sealed class Offset(IProgress<ProgressUpdate> inner, int offset, int total) : IProgress<ProgressUpdate>
    {
        public void Report(ProgressUpdate value) => inner.Report(value with { Done = value.Done + offset, Total = total });
    }
}
