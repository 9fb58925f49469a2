using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace LatentOps.Learning.Encoders;

/// <summary>Category embeddings concatenated with the numeric features, then an MLP to the embedding.</summary>
internal sealed class TabularEncoderModule : Module<Tensor, Tensor, Tensor>
{
    private readonly ModuleList<Embedding> embeddings;
    private readonly Sequential mlp;

    public TabularEncoderModule(EncoderArchitecture architecture)
        : base("tabular_encoder")
    {
        var cards = architecture.CategoryCardinalities;
        var dims = architecture.CategoryEmbeddingDimensions;
        embeddings = new ModuleList<Embedding>([.. cards.Select((c, i) => Embedding(c, dims[i]))]);
        var input = architecture.NumericInputs + dims.Sum();
        if (input == 0)
        {
            throw new ArgumentException("An encoder needs at least one input feature.", nameof(architecture));
        }

        var layers = new List<(string, Module<Tensor, Tensor>)>();
        var width = input;
        for (var i = 0; i < architecture.Depth - 1; i++)
        {
            layers.Add(($"linear{i}", Linear(width, architecture.HiddenWidth)));
            if (architecture.LayerNorm)
            {
                layers.Add(($"norm{i}", LayerNorm(architecture.HiddenWidth)));
            }

            layers.Add(($"relu{i}", ReLU()));
            if (architecture.Dropout > 0)
            {
                layers.Add(($"dropout{i}", Dropout(architecture.Dropout)));
            }

            width = architecture.HiddenWidth;
        }

        layers.Add(("output", Linear(width, architecture.EmbeddingDimension)));
        mlp = Sequential(layers);
        RegisterComponents();
    }

    public override Tensor forward(Tensor numeric, Tensor categories)
    {
        if (embeddings.Count == 0)
        {
            return mlp.forward(numeric);
        }

        var parts = new List<Tensor>(embeddings.Count + 1);
        if (numeric.shape[1] > 0)
        {
            parts.Add(numeric);
        }

        for (var i = 0; i < embeddings.Count; i++)
        {
            parts.Add(embeddings[i].forward(categories.select(1, i)));
        }

        return mlp.forward(cat(parts, 1));
    }
}
