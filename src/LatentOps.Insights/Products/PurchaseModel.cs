using LatentOps.Core.Progress;
using LatentOps.Learning.Torch;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LatentOps.Insights.Products;

/// <summary>
/// Product embeddings learned from who bought what: a hybrid matrix factorisation (in the style of
/// LightFM) trained with TorchSharp. A customer is its own vector plus a learned projection of its
/// customer embedding; a product is its own vector plus its sub-category's vector. The score of a
/// (customer, product) pair is their dot product plus a product bias, trained with binary
/// cross-entropy against uniformly sampled products the customer did not buy. Products whose vectors
/// point the same way are bought by the same kind of customers.
/// </summary>
internal sealed class PurchaseModel : IDisposable
{
    private const int NegativesPerPositive = 4;
    private const int BatchSize = 512;
    private const double LearningRate = 0.02;
    private const double L2 = 1e-4;

    private readonly Parameter customerOwn, productOwn, groupVectors, projection, productBias;
    private readonly Tensor customerFeatures, productGroup;

    private PurchaseModel(int customers, int products, int groups, float[][] features, int[] group, int dimension, Generator generator)
    {
        var featureWidth = features[0].Length;
        customerOwn = new Parameter(randn([customers, dimension], generator: generator).mul_(0.05));
        productOwn = new Parameter(randn([products, dimension], generator: generator).mul_(0.05));
        groupVectors = new Parameter(randn([groups + 1, dimension], generator: generator).mul_(0.05));
        projection = new Parameter(randn([featureWidth, dimension], generator: generator).mul_(1.0 / Math.Sqrt(featureWidth)));
        productBias = new Parameter(zeros(products));
        customerFeatures = tensor(features.SelectMany(f => f).ToArray(), [customers, featureWidth]);
        productGroup = tensor([.. group.Select(g => (long)(g < 0 ? groups : g))], ScalarType.Int64);
        Products = products;
    }

    public int Products { get; }

    public double FinalLoss { get; private set; } = double.NaN;

    /// <summary>Trains on the distinct (customer, product) purchases.</summary>
    public static PurchaseModel Train(
        int customers, int products, int groups, float[][] customerFeatures, int[] productGroup, (int Customer, int Product)[] purchases,
        int dimension, int epochs, int seed, int threads, IProgress<ProgressUpdate>? progress, Func<int, string> detail, CancellationToken cancellationToken)
    {
        TorchRuntime.Configure(threads);
        using var generator = new Generator((ulong)seed, CPU);
        var model = new PurchaseModel(customers, products, groups, customerFeatures, productGroup, dimension, generator);
        try
        {
            model.Fit(purchases, epochs, generator, progress, detail, cancellationToken);
            return model;
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }

    /// <summary>The product vectors used for similarity (own vector + sub-category vector), row per product.</summary>
    public float[][] ProductVectors()
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var items = productOwn.add(groupVectors.index_select(0, productGroup)).contiguous();
        var flat = items.data<float>().ToArray();
        var d = (int)items.shape[1];
        return [.. Enumerable.Range(0, Products).Select(p => flat.AsSpan(p * d, d).ToArray())];
    }

    /// <summary>Scores of every product for the given customers, row-major customers x products.</summary>
    public float[] Scores(int[] customers)
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var index = tensor([.. customers.Select(c => (long)c)], ScalarType.Int64);
        var users = Users(index);
        var items = productOwn.add(groupVectors.index_select(0, productGroup));
        var scores = users.matmul(items.t()).add(productBias).contiguous();
        return scores.data<float>().ToArray();
    }

    public void Dispose()
    {
        customerOwn.Dispose();
        productOwn.Dispose();
        groupVectors.Dispose();
        projection.Dispose();
        productBias.Dispose();
        customerFeatures.Dispose();
        productGroup.Dispose();
    }

    private Tensor Users(Tensor index) => customerOwn.index_select(0, index).add(customerFeatures.index_select(0, index).matmul(projection));

    private Tensor Items(Tensor index) => productOwn.index_select(0, index).add(groupVectors.index_select(0, productGroup.index_select(0, index)));

    private void Fit((int Customer, int Product)[] purchases, int epochs, Generator generator, IProgress<ProgressUpdate>? progress, Func<int, string> detail, CancellationToken cancellationToken)
    {
        using var customersOf = tensor([.. purchases.Select(p => (long)p.Customer)], ScalarType.Int64);
        using var productsOf = tensor([.. purchases.Select(p => (long)p.Product)], ScalarType.Int64);
        using var optimizer = optim.Adam([customerOwn, productOwn, groupVectors, projection, productBias], LearningRate);
        var n = purchases.Length;
        for (var epoch = 1; epoch <= epochs; epoch++)
        {
            double lossSum = 0;
            var steps = 0;
            using (var permutation = randperm(n, generator: generator))
            {
                for (var start = 0; start < n; start += BatchSize)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    using var scope = NewDisposeScope();
                    var count = Math.Min(BatchSize, n - start);
                    var batch = permutation.narrow(0, start, count);
                    var c = customersOf.index_select(0, batch);
                    var p = productsOf.index_select(0, batch);
                    var users = Users(c);
                    var positive = users.mul(Items(p)).sum(1).add(productBias.index_select(0, p));
                    var negativeProducts = randint(0, Products, [count * NegativesPerPositive], generator: generator, dtype: ScalarType.Int64);
                    var negativeUsers = users.repeat_interleave(NegativesPerPositive, 0);
                    var negative = negativeUsers.mul(Items(negativeProducts)).sum(1).add(productBias.index_select(0, negativeProducts));
                    var loss = nn.functional.binary_cross_entropy_with_logits(positive, ones_like(positive))
                        .add(nn.functional.binary_cross_entropy_with_logits(negative, zeros_like(negative)).mul(NegativesPerPositive))
                        .div(1 + NegativesPerPositive)
                        .add(users.pow(2).sum(1).mean().add(Items(p).pow(2).sum(1).mean()).mul(L2));
                    optimizer.zero_grad();
                    loss.backward();
                    optimizer.step();
                    lossSum += loss.item<float>();
                    steps++;
                }
            }

            FinalLoss = lossSum / Math.Max(steps, 1);
            progress?.Report(new ProgressUpdate(SalesInsightsStages.Products, epoch, epochs, detail(epoch)));
        }
    }
}
