using LatentOps.Core.Errors;
using LatentOps.Core.Tables;
using LatentOps.Learning.Export;
using LatentOps.Learning.Images;
using LatentOps.Learning.Objectives;
using LatentOps.Learning.Tests.Images;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using static TorchSharp.torch;

namespace LatentOps.Learning.Tests.Export;

/// <summary>
/// The image CNN's ONNX graph against TorchSharp on real Fashion-MNIST images (rows 400..499 of the
/// fixture, not seen in training). Tolerance: 1e-5 absolute on embeddings and probabilities (measured: at most 3e-8; float32
/// convolutions summed in another order by ONNX Runtime).
/// </summary>
public sealed class ImageOnnxExporterTests
{
    private const float Tolerance = 1e-5f;

    [Fact]
    public void Export_SimClrRawPixels_OnnxRuntimeMatchesTorchSharpOnFashionMnist()
    {
        using var model = new ImageTrainer(ImageTrainerTests.Small(epochs: 1)).Fit(ImageTables.Fashion(96)).Model;
        var images = ImageTables.Fashion(100, skip: 400);

        var export = OnnxExporter.Export(model);
        using var session = new InferenceSession(export.Model);
        using var results = session.Run([NamedOnnxValue.CreateFromTensor("pixels", new DenseTensor<float>(RawPixels(images), [100, 784]))]);

        AssertClose(model.Embed(images).Values, Output(results, "embedding"));
        Assert.DoesNotContain(results, r => r.Name == "probabilities");
        Assert.Equal("pixels", Assert.Single(export.Sidecar.Inputs).Name);
        Assert.Equal((28, 28, 255.0), (export.Sidecar.Image!.Height, export.Sidecar.Image.Width, export.Sidecar.Image.PixelScale));
        Assert.Contains("clip(pixel / 255, -1, 1)", export.Sidecar.Inputs[0].Meaning, StringComparison.Ordinal);
    }

    [Fact]
    public void Export_SupervisedRawPixels_OnnxRuntimeMatchesTorchSharpEmbeddingsAndProbabilities()
    {
        using var model = new ImageTrainer(ImageTrainerTests.Small(epochs: 1, TrainingObjective.Supervised)).Fit(ImageTables.Fashion(96)).Model;
        var images = ImageTables.Fashion(100, skip: 400);

        var export = OnnxExporter.Export(model);
        using var session = new InferenceSession(export.Model);
        using var results = session.Run([NamedOnnxValue.CreateFromTensor("pixels", new DenseTensor<float>(RawPixels(images), [100, 784]))]);

        AssertClose(model.Embed(images).Values, Output(results, "embedding"));
        AssertClose(model.PredictProbabilities(images), Output(results, "probabilities"));
        Assert.Equal(model.Classes, export.Sidecar.Outputs.Single(o => o.Name == "probabilities").Labels);
    }

    [Fact]
    public void Export_EncodedPixels_OnnxRuntimeMatchesInfer()
    {
        using var model = new ImageTrainer(ImageTrainerTests.Small(epochs: 1, TrainingObjective.Supervised)).Fit(ImageTables.Fashion(96)).Model;
        var images = model.Images(ImageTables.Fashion(50, skip: 450));

        var export = OnnxExporter.Export(model, new OnnxExportOptions { Inputs = OnnxInputMode.Encoded });
        using var session = new InferenceSession(export.Model);
        using var results = session.Run([NamedOnnxValue.CreateFromTensor("numeric", new DenseTensor<float>(images.Pixels, [50, 784]))]);
        var (embeddings, probabilities) = model.Infer(images, withProbabilities: true);

        AssertClose(embeddings, Output(results, "embedding"));
        AssertClose(probabilities!, Output(results, "probabilities"));
        Assert.Equal(OnnxInputMode.Encoded, export.Sidecar.InputMode);
    }

    [Fact]
    public void ExportNetwork_EveryLayerOfTheVocabulary_MatchesTorchSharp()
    {
        // BatchNorm with running statistics moved away from 0/1 by a few training-mode passes, pooling
        // of each kind, Same padding, dropout (identity at inference), nested Sequential.
        manual_seed(11);
        using var net = nn.Sequential(
            ("stem", nn.Sequential(
                ("conv0", nn.Conv2d(1, 6, 3, stride: 1, padding: 1)),
                ("bn0", nn.BatchNorm2d(6)),
                ("relu0", nn.ReLU()))),
            ("pool0", nn.MaxPool2d(2)),
            ("conv1", nn.Conv2d(6, 8, 5, padding: TorchSharp.Padding.Same, bias: false)),
            ("bn1", nn.BatchNorm2d(8)),
            ("relu1", nn.ReLU()),
            ("avg", nn.AvgPool2d(3, stride: 1)),
            ("conv2", nn.Conv2d(8, 8, 3, stride: 2, padding: 1)),
            ("relu2", nn.ReLU()),
            ("pool", nn.AdaptiveAvgPool2d(2)),
            ("drop", nn.Dropout(0.3)),
            ("flatten", nn.Flatten(1, -1)),
            ("hidden", nn.Linear(32, 16)),
            ("relu3", nn.ReLU()),
            ("output", nn.Linear(16, 5)));
        var images = ImageTables.Fashion(40, skip: 300);
        var pixels = RawPixels(images).Select(p => p / 255f).ToArray();
        using (var scope = NewDisposeScope())
        {
            net.train();
            for (var i = 0; i < 3; i++)
            {
                net.forward(tensor(pixels, [40, 1, 28, 28]) * (i + 1));
            }
        }

        net.eval();
        float[] expected;
        using (var scope = NewDisposeScope())
        using (no_grad())
        {
            expected = net.forward(tensor(pixels, [40, 1, 28, 28])).data<float>().ToArray();
        }

        using var session = new InferenceSession(ImageGraphBuilder.ExportNetwork(net, 28, 28));
        using var results = session.Run([NamedOnnxValue.CreateFromTensor("numeric", new DenseTensor<float>(pixels, [40, 784]))]);

        AssertClose(expected, Output(results, "embedding"));
    }

    [Fact]
    public void ExportNetwork_LayerOutsideTheVocabulary_NamesItAndTheCoveredLayers()
    {
        using var net = nn.Sequential(("conv0", nn.Conv2d(1, 4, 3)), ("act", nn.Tanh()), ("flatten", nn.Flatten()), ("output", nn.Linear(4 * 26 * 26, 4)));

        var error = Assert.Throws<LatentOpsException>(() => ImageGraphBuilder.ExportNetwork(net, 28, 28));

        Assert.Contains("'act' is a Tanh", error.Message, StringComparison.Ordinal);
        Assert.Contains("BatchNorm2d", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ExportNetwork_LinearOfTheWrongWidth_SaysWhatTheLayersBeforeGive()
    {
        using var net = nn.Sequential(("conv0", nn.Conv2d(1, 4, 3, stride: 2, padding: 1)), ("pool", nn.AdaptiveAvgPool2d(1)), ("flatten", nn.Flatten()), ("output", nn.Linear(8, 4)));

        var error = Assert.Throws<LatentOpsException>(() => ImageGraphBuilder.ExportNetwork(net, 28, 28));

        Assert.Contains("takes 8 features but the layers before it give 4", error.Message, StringComparison.Ordinal);
    }

    internal static float[] RawPixels(Table images)
    {
        var rows = images.RowCount;
        var pixels = new float[rows * 784];
        for (var p = 0; p < 784; p++)
        {
            var column = (NumericColumn)images[$"pixel_{p}"];
            for (var r = 0; r < rows; r++)
            {
                pixels[(r * 784) + p] = (float)column.Values[r];
            }
        }

        return pixels;
    }

    private static float[] Output(IDisposableReadOnlyCollection<DisposableNamedOnnxValue> results, string name) =>
        [.. results.Single(r => r.Name == name).AsTensor<float>()];

    private static void AssertClose(float[] expected, float[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        var worst = 0f;
        for (var i = 0; i < expected.Length; i++)
        {
            worst = Math.Max(worst, Math.Abs(expected[i] - actual[i]));
        }

        Assert.True(worst <= Tolerance, $"max |torch - onnx| = {worst}");
    }
}
