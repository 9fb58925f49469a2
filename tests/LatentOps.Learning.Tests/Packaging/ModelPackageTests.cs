using System.IO.Compression;
using System.Text.Json;
using LatentOps.Core.Errors;
using LatentOps.Learning.Objectives;
using LatentOps.Learning.Packaging;
using LatentOps.Learning.Tests.Training;
using LatentOps.Learning.Training;

namespace LatentOps.Learning.Tests.Packaging;

public sealed class ModelPackageTests
{
    [Fact]
    public void Load_AfterSave_GivesBitIdenticalEmbeddings()
    {
        using var folder = new TempFolder();
        var table = SampleTables.LendingClub(200);
        using var model = new TabularTrainer(TabularTrainerTests.Small()).Fit(table).Model;
        var path = folder.File("model.lopkg");
        ModelPackage.Save(model, path, new ModelPackageInfo { Name = "lending", Metrics = new Dictionary<string, double> { ["probeScore"] = 0.7 } });

        using var loaded = ModelPackage.Load(path);
        var fresh = SampleTables.LendingClub(100, skip: 500);
        var before = model.Embed(fresh).Values;
        var after = loaded.Embed(fresh).Values;
        Assert.Equal(before.Length, after.Length);
        Assert.True(before.AsSpan().SequenceEqual(after), "embeddings differ after a save/load round trip");
    }

    [Fact]
    public void Save_Manifest_CarriesSignaturePreprocessingAndWeightHashes()
    {
        using var folder = new TempFolder();
        using var model = new TabularTrainer(TabularTrainerTests.Small()).Fit(SampleTables.LendingClub(120)).Model;
        var path = folder.File("m.lopkg");
        ModelPackage.Save(model, path);

        var manifest = ModelPackage.ReadManifest(path);
        Assert.Equal(22, manifest.Signature.Inputs.Count);
        Assert.Equal([-1, 8], manifest.Signature.Outputs[0].Shape);
        var addrState = manifest.Preprocessing.Columns.Single(c => c.Column == "addr_state");
        Assert.Equal(ColumnEncodingKindName("categorical"), addrState.Kind.ToString().ToLowerInvariant());
        Assert.NotEmpty(addrState.Vocabulary!);
        Assert.Equal(64, manifest.Files[ModelPackage.EncoderEntry].Length);

        using var zip = ZipFile.OpenRead(path);
        using var json = JsonDocument.Parse(zip.GetEntry(ModelPackage.ManifestEntry)!.Open());
        Assert.True(json.RootElement.TryGetProperty("preprocessing", out var pre) && pre.GetProperty("columns").GetArrayLength() == 22);
    }

    [Fact]
    public void Save_SameModelTwice_WritesIdenticalBytes()
    {
        using var folder = new TempFolder();
        using var model = new TabularTrainer(TabularTrainerTests.Small()).Fit(SampleTables.LendingClub(100)).Model;
        ModelPackage.Save(model, folder.File("a.lopkg"));
        ModelPackage.Save(model, folder.File("b.lopkg"));
        Assert.Equal(File.ReadAllBytes(folder.File("a.lopkg")), File.ReadAllBytes(folder.File("b.lopkg")));
        Assert.Empty(Directory.GetFiles(folder.Path, "*.partial"));
    }

    [Fact]
    public void Load_SupervisedPackage_KeepsClassifierProbabilities()
    {
        using var folder = new TempFolder();
        var table = SampleTables.LendingClub(300);
        using var model = new TabularTrainer(TabularTrainerTests.Small(TrainingObjective.Supervised)).Fit(table).Model;
        ModelPackage.Save(model, folder.File("s.lopkg"));
        using var loaded = ModelPackage.Load(folder.File("s.lopkg"));

        Assert.Equal(["bad", "good"], loaded.Classes);
        Assert.Equal(model.PredictProbabilities(table), loaded.PredictProbabilities(table));
    }

    [Fact]
    public void Load_TamperedWeights_ThrowsCorrupt()
    {
        using var folder = new TempFolder();
        using var model = new TabularTrainer(TabularTrainerTests.Small()).Fit(SampleTables.LendingClub(100)).Model;
        var path = folder.File("t.lopkg");
        ModelPackage.Save(model, path);
        using (var zip = ZipFile.Open(path, ZipArchiveMode.Update))
        {
            zip.GetEntry(ModelPackage.EncoderEntry)!.Delete();
            using var stream = zip.CreateEntry(ModelPackage.EncoderEntry).Open();
            stream.Write(new byte[] { 1, 2, 3 });
        }

        var e = Assert.Throws<LatentOpsException>(() => ModelPackage.Load(path));
        Assert.Contains("does not match the SHA-256", e.Message);
    }

    [Fact]
    public void Load_NotAPackage_ThrowsInvalidInput()
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder.File("x.lopkg"), "hello");
        var e = Assert.Throws<LatentOpsException>(() => ModelPackage.Load(folder.File("x.lopkg")));
        Assert.Equal(ErrorCode.InvalidInput, e.Code);
        Assert.Contains("not a LatentOps model package", e.Message);
    }

    private static string ColumnEncodingKindName(string name) => name;
}
