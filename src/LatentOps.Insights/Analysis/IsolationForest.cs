namespace LatentOps.Insights.Analysis;

/// <summary>
/// Isolation forest (Liu, Ting and Zhou 2008): random axis-aligned splits isolate rare points in few
/// steps. Score = 2^(-mean path length / c(sample size)), in (0, 1]; higher means more unusual (0.5 is ordinary).
/// </summary>
internal static class IsolationForest
{
    public static double[] Score(double[][] points, int trees, int seed, int sampleSize = 256)
    {
        var n = points.Length;
        var d = points[0].Length;
        var sample = Math.Min(sampleSize, n);
        var maxDepth = (int)Math.Ceiling(Math.Log2(Math.Max(sample, 2)));
        var random = new Random(seed);
        var depthSum = new double[n];
        var indices = Enumerable.Range(0, n).ToArray();
        for (var t = 0; t < trees; t++)
        {
            random.Shuffle(indices);
            var nodes = new List<Node>();
            Build(points, indices.AsSpan(0, sample).ToArray(), 0, maxDepth, d, random, nodes);
            for (var i = 0; i < n; i++)
            {
                depthSum[i] += PathLength(points[i], nodes);
            }
        }

        var normaliser = AveragePath(sample);
        return [.. depthSum.Select(s => Math.Pow(2, -(s / trees) / normaliser))];
    }

    private static int Build(double[][] points, int[] rows, int depth, int maxDepth, int d, Random random, List<Node> nodes)
    {
        var id = nodes.Count;
        nodes.Add(default);
        if (depth >= maxDepth || rows.Length <= 1)
        {
            nodes[id] = new Node(-1, 0, -1, -1, rows.Length);
            return id;
        }

        // Pick a feature that is not constant among these rows.
        for (var attempt = 0; attempt < d * 2; attempt++)
        {
            var feature = random.Next(d);
            double min = double.PositiveInfinity, max = double.NegativeInfinity;
            foreach (var r in rows)
            {
                min = Math.Min(min, points[r][feature]);
                max = Math.Max(max, points[r][feature]);
            }

            if (max <= min)
            {
                continue;
            }

            var split = min + (random.NextDouble() * (max - min));
            var left = rows.Where(r => points[r][feature] < split).ToArray();
            var right = rows.Where(r => points[r][feature] >= split).ToArray();
            var leftId = Build(points, left, depth + 1, maxDepth, d, random, nodes);
            var rightId = Build(points, right, depth + 1, maxDepth, d, random, nodes);
            nodes[id] = new Node(feature, split, leftId, rightId, rows.Length);
            return id;
        }

        nodes[id] = new Node(-1, 0, -1, -1, rows.Length);
        return id;
    }

    private static double PathLength(double[] point, List<Node> nodes)
    {
        var id = 0;
        var depth = 0;
        while (nodes[id].Feature >= 0)
        {
            id = point[nodes[id].Feature] < nodes[id].Split ? nodes[id].Left : nodes[id].Right;
            depth++;
        }

        return depth + AveragePath(nodes[id].Size);
    }

    // c(n): the average path length of an unsuccessful search in a binary search tree of n points.
    private static double AveragePath(int n) => n switch
    {
        <= 1 => 0,
        2 => 1,
        _ => (2 * (Math.Log(n - 1) + 0.5772156649)) - (2.0 * (n - 1) / n),
    };

    private readonly record struct Node(int Feature, double Split, int Left, int Right, int Size);
}
