using LatentOps.Core.Errors;
using LatentOps.Learning.Encoders;
using LatentOps.Learning.Images;
using LatentOps.Learning.Objectives;
using LatentOps.Learning.Packaging;
using LatentOps.Learning.Tests.Images;
using LatentOps.Learning.Tests.Training;
using LatentOps.Learning.Torch;
using LatentOps.Learning.Training;

namespace LatentOps.Learning.Tests.Packaging;

public sealed class ImageModelPackageTests
{
    [Fact]
    public void LoadImage_AfterSave_GivesBitIdenticalEmbeddingsOnNewImages()
    {
        using var folder = new TempFolder();
        using var model = new ImageTrainer(ImageTrainerTests.Small()).Fit(ImageTables.Fashion(150)).Model;
        var path = folder.File("fashion.lopkg");
        ModelPackage.Save(model, path, new ModelPackageInfo { Name = "fashion" });

        using var loaded = ModelPackage.LoadImage(path);
        var fresh = ImageTables.Fashion(100, skip: 400);
        Assert.True(model.Embed(fresh).Values.AsSpan().SequenceEqual(loaded.Embed(fresh).Values), "embeddings differ after a save/load round trip");
        Assert.Equal(model.Architecture.Describe(), loaded.Architecture.Describe());
    }

    [Fact]
    public void Save_Manifest_CarriesPixelSignatureScaleAndEmbeddingShape()
    {
        using var folder = new TempFolder();
        using var model = new ImageTrainer(ImageTrainerTests.Small(epochs: 1)).Fit(ImageTables.Fashion(60)).Model;
        var path = folder.File("m.lopkg");
        ModelPackage.Save(model, path);

        var manifest = ModelPackage.ReadManifest(path);
        Assert.Equal(784, manifest.Signature.Inputs.Count);
        Assert.Equal("pixel_0", manifest.Signature.Inputs[0].Name);
        Assert.Equal("pixel_783", manifest.Signature.Inputs[^1].Name);
        Assert.Equal([-1, 8], manifest.Signature.Outputs[0].Shape);
        Assert.Equal(new ImageInput(28, 28, 1, 255, "pixel_0", "pixel_783"), manifest.Image);
        Assert.Equal(EncoderKind.Image, manifest.Architecture.Kind);
        Assert.All(manifest.Preprocessing.Columns, c => Assert.Equal(255, c.Scale));
    }

    [Fact]
    public void Save_SameModelTwice_WritesIdenticalBytes()
    {
        using var folder = new TempFolder();
        using var model = new ImageTrainer(ImageTrainerTests.Small(epochs: 1)).Fit(ImageTables.Fashion(60)).Model;
        ModelPackage.Save(model, folder.File("a.lopkg"));
        ModelPackage.Save(model, folder.File("b.lopkg"));
        Assert.Equal(File.ReadAllBytes(folder.File("a.lopkg")), File.ReadAllBytes(folder.File("b.lopkg")));
        Assert.Equal(File.ReadAllBytes(folder.File("a.lopkg")), ModelPackage.ToBytes(model));
        Assert.Empty(Directory.GetFiles(folder.Path, "*.partial"));
    }

    [Fact]
    public void LoadAny_SupervisedImagePackage_KeepsTheHeadAndItsProbabilities()
    {
        using var folder = new TempFolder();
        var table = ImageTables.Fashion(120);
        using var model = new ImageTrainer(ImageTrainerTests.Small(epochs: 1, TrainingObjective.Supervised)).Fit(table).Model;
        ModelPackage.Save(model, folder.File("s.lopkg"));

        using var loaded = ModelPackage.LoadAny(folder.File("s.lopkg"));
        Assert.IsType<ImageEncoderModel>(loaded);
        Assert.Equal("label", loaded.LabelColumn);
        Assert.Equal(model.Classes, loaded.Classes);
        Assert.Equal(model.PredictProbabilities(table), loaded.PredictProbabilities(table));
    }

    [Fact]
    public void LoadAny_TabularPackage_GivesTheTabularModel()
    {
        using var folder = new TempFolder();
        using var model = new TabularTrainer(TabularTrainerTests.Small()).Fit(SampleTables.LendingClub(100)).Model;
        ModelPackage.Save(model, folder.File("t.lopkg"));
        using var loaded = ModelPackage.LoadAny(folder.File("t.lopkg"));
        Assert.IsType<TabularEncoderModel>(loaded);
    }

    [Fact]
    public void Load_ImagePackageWithTheTabularLoader_ThrowsSayingItIsAnImageModel()
    {
        using var folder = new TempFolder();
        using var model = new ImageTrainer(ImageTrainerTests.Small(epochs: 1)).Fit(ImageTables.Fashion(60)).Model;
        ModelPackage.Save(model, folder.File("i.lopkg"));

        var e = Assert.Throws<LatentOpsException>(() => ModelPackage.Load(folder.File("i.lopkg")));
        Assert.Equal(ErrorCode.InvalidInput, e.Code);
        Assert.Contains("image encoder (28x28", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadImage_TabularPackage_ThrowsInvalidInput()
    {
        using var folder = new TempFolder();
        using var model = new TabularTrainer(TabularTrainerTests.Small()).Fit(SampleTables.LendingClub(100)).Model;
        ModelPackage.Save(model, folder.File("t.lopkg"));

        var e = Assert.Throws<LatentOpsException>(() => ModelPackage.LoadImage(folder.File("t.lopkg")));
        Assert.Contains("tabular encoder", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadImage_PackageOfTheFirstLayout_StillLoadsWithBitIdenticalEmbeddings()
    {
        // Packages written before layouts were numbered have no imageNetwork (0): three convolutions, global pooling.
        using var folder = new TempFolder();
        var table = ImageTables.Fashion(40);
        using var trained = new ImageTrainer(ImageTrainerTests.Small(epochs: 1)).Fit(table).Model;
        var legacy = trained.Architecture with { ImageNetwork = 0, ImagePool = 0 };
        using var model = new ImageEncoderModel(trained.Preprocessor, legacy, TorchRuntime.Build(5, () => new ImageEncoderModule(legacy)), null, null, null, TrainingObjective.SimClr, null);
        ModelPackage.Save(model, folder.File("old.lopkg"));

        using var loaded = ModelPackage.LoadImage(folder.File("old.lopkg"));
        Assert.Equal(0, loaded.Architecture.ImageNetwork);
        Assert.True(model.Embed(table).Values.AsSpan().SequenceEqual(loaded.Embed(table).Values));
        Assert.DoesNotContain(loaded.Encoder.named_modules(), m => m.name.Contains("bn", StringComparison.Ordinal));
    }

    [Fact]
    public void LoadImage_UnknownLayout_ThrowsNamingTheLayout()
    {
        using var folder = new TempFolder();
        using var trained = new ImageTrainer(ImageTrainerTests.Small(epochs: 1)).Fit(ImageTables.Fashion(40)).Model;
        var future = trained.Architecture with { ImageNetwork = 99 };
        using var model = new ImageEncoderModel(trained.Preprocessor, future, TorchRuntime.Build(5, () => new ImageEncoderModule(trained.Architecture)), null, null, null, TrainingObjective.SimClr, null);
        ModelPackage.Save(model, folder.File("future.lopkg"));

        var e = Assert.Throws<LatentOpsException>(() => ModelPackage.LoadImage(folder.File("future.lopkg")));
        Assert.Equal(ErrorCode.InvalidInput, e.Code);
        Assert.Contains("image network layout 99 is unknown", e.Message, StringComparison.Ordinal);
    }
}
