using LatentOps.Learning.Encoders;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace LatentOps.Learning.Images;

/// <summary>A small CNN for grey images: three 3x3 convolutions (the last two with stride 2), global average pooling, a linear layer to the embedding.</summary>
internal sealed class ImageEncoderModule : Module<Tensor, Tensor>
{
    private readonly Sequential body;

    public ImageEncoderModule(EncoderArchitecture architecture)
        : base("image_encoder")
    {
        var w = architecture.HiddenWidth;
        body = Sequential(
            ("conv0", Conv2d(1, w / 2, 3, stride: 1, padding: 1)),
            ("relu0", ReLU()),
            ("conv1", Conv2d(w / 2, w, 3, stride: 2, padding: 1)),
            ("relu1", ReLU()),
            ("conv2", Conv2d(w, w, 3, stride: 2, padding: 1)),
            ("relu2", ReLU()),
            ("pool", AdaptiveAvgPool2d(1)),
            ("flatten", Flatten(1, -1)),
            ("output", Linear(w, architecture.EmbeddingDimension)));
        RegisterComponents();
    }

    /// <summary>Input [batch, 1, height, width].</summary>
    public override Tensor forward(Tensor images) => body.forward(images);
}
