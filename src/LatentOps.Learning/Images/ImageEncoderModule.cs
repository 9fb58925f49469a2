using LatentOps.Core.Errors;
using LatentOps.Learning.Encoders;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace LatentOps.Learning.Images;

/// <summary>
/// A small CNN for grey images, a <c>Sequential</c> of named layers (the ONNX exporter walks
/// it). <see cref="EncoderArchitecture.ImageNetwork"/> picks the layout:
/// <list type="bullet">
/// <item>2 (current): <c>conv0</c> 3x3 stride 1 (C/2 channels), <c>conv1</c>..<c>conv3</c> 3x3 stride 2
/// (C channels), each followed by <c>bnK</c> BatchNorm2d and <c>reluK</c>; <c>pool</c>
/// AdaptiveAvgPool2d(<see cref="EncoderArchitecture.ImagePool"/>); <c>flatten</c>; <c>output</c>
/// Linear(C x pool x pool, embedding). 28x28 -> 28, 14, 7, 4 -> 2x2 grid.</item>
/// <item>1 (and 0, packages written before layouts were numbered): conv0 (stride 1), conv1, conv2
/// (stride 2) with ReLU, global average pooling, flatten, output.</item>
/// </list>
/// </summary>
internal sealed class ImageEncoderModule : Module<Tensor, Tensor>
{
    /// <summary>The layout new encoders are built with.</summary>
    public const int CurrentNetwork = 2;

    private readonly Sequential body;

    public ImageEncoderModule(EncoderArchitecture architecture)
        : base("image_encoder")
    {
        body = Layers(architecture);
        RegisterComponents();
    }

    /// <summary>
    /// The side of the pooled grid for an image of <paramref name="height"/> x <paramref name="width"/>:
    /// the largest value up to <paramref name="wanted"/> that divides the last convolution's output
    /// (so the pooling is a plain average over equal cells: 28x28 gives a 4x4 map, pooled to 2x2 or 4x4;
    /// 8x8 gives 1x1).
    /// </summary>
    public static int PoolFor(int height, int width, int wanted)
    {
        var (h, w) = (FinalSide(height), FinalSide(width));
        for (var k = Math.Min(wanted, Math.Min(h, w)); k > 1; k--)
        {
            if (h % k == 0 && w % k == 0)
            {
                return k;
            }
        }

        return 1;
    }

    /// <summary>Throws when this build cannot rebuild <paramref name="architecture"/>'s network.</summary>
    public static void Check(EncoderArchitecture architecture, string source)
    {
        if (architecture.ImageNetwork is < 0 or > CurrentNetwork)
        {
            throw LatentOpsException.InvalidInput($"{source}: image network layout {architecture.ImageNetwork} is unknown to this build (it reads layouts 1 to {CurrentNetwork}); it was written by a newer LatentOps.");
        }

        if (architecture.ImageNetwork == CurrentNetwork
            && (architecture.ImagePool < 1 || FinalSide(architecture.ImageHeight) % architecture.ImagePool != 0 || FinalSide(architecture.ImageWidth) % architecture.ImagePool != 0))
        {
            throw LatentOpsException.InvalidInput($"{source}: image pool grid {architecture.ImagePool} does not divide the {FinalSide(architecture.ImageHeight)}x{FinalSide(architecture.ImageWidth)} map of {architecture.ImageHeight}x{architecture.ImageWidth} images.");
        }
    }

    /// <summary>Input [batch, 1, height, width].</summary>
    public override Tensor forward(Tensor images) => body.forward(images);

    /// <summary>Side of the map after conv0 (stride 1) and three stride-2 convolutions (kernel 3, padding 1).</summary>
    private static int FinalSide(int side)
    {
        for (var i = 0; i < 3; i++)
        {
            side = (side + 1) / 2;
        }

        return side;
    }

    private static Sequential Layers(EncoderArchitecture architecture)
    {
        var w = architecture.HiddenWidth;
        if (architecture.ImageNetwork != CurrentNetwork)
        {
            return Sequential(
                ("conv0", Conv2d(1, w / 2, 3, stride: 1, padding: 1)),
                ("relu0", ReLU()),
                ("conv1", Conv2d(w / 2, w, 3, stride: 2, padding: 1)),
                ("relu1", ReLU()),
                ("conv2", Conv2d(w, w, 3, stride: 2, padding: 1)),
                ("relu2", ReLU()),
                ("pool", AdaptiveAvgPool2d(1)),
                ("flatten", Flatten(1, -1)),
                ("output", Linear(w, architecture.EmbeddingDimension)));
        }

        var pool = architecture.ImagePool;
        return Sequential(
            ("conv0", Conv2d(1, w / 2, 3, stride: 1, padding: 1)),
            ("bn0", BatchNorm2d(w / 2)),
            ("relu0", ReLU()),
            ("conv1", Conv2d(w / 2, w, 3, stride: 2, padding: 1)),
            ("bn1", BatchNorm2d(w)),
            ("relu1", ReLU()),
            ("conv2", Conv2d(w, w, 3, stride: 2, padding: 1)),
            ("bn2", BatchNorm2d(w)),
            ("relu2", ReLU()),
            ("conv3", Conv2d(w, w, 3, stride: 2, padding: 1)),
            ("bn3", BatchNorm2d(w)),
            ("relu3", ReLU()),
            ("pool", AdaptiveAvgPool2d(pool)),
            ("flatten", Flatten(1, -1)),
            ("output", Linear(w * pool * pool, architecture.EmbeddingDimension)));
    }
}
