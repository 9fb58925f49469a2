using LatentOps.Core.Tables;
using LatentOps.Learning.Encoders;
using LatentOps.Learning.Export;
using LatentOps.Learning.Objectives;
using LatentOps.Learning.Preprocessing;
using LatentOps.Learning.Tests.Training;
using LatentOps.Learning.Training;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace LatentOps.Learning.Tests.Export;

public sealed class OnnxExporterTests
{
    private const float Tolerance = 1e-5f;

    [Fact]
    public void Export_RawInputs_OnnxRuntimeMatchesTorchSharpOnRealRows()
    {
        var options = TabularTrainerTests.Small(TrainingObjective.Supervised);
        options.LayerNorm = true;
        using var model = new TabularTrainer(options).Fit(SampleTables.LendingClub(300)).Model;
        var rows = WithGaps(SampleTables.LendingClub(200, skip: 500));

        var export = OnnxExporter.Export(model);
        using var session = new InferenceSession(export.Model);
        using var results = session.Run(RawInputs(rows, model.Preprocessor));

        AssertClose(model.Embed(rows).Values, Output(results, "embedding"));
        AssertClose(model.PredictProbabilities(rows), Output(results, "probabilities"));
        Assert.Equal(22, export.Sidecar.Inputs.Count);
        Assert.Equal(["bad", "good"], export.Sidecar.Outputs.Single(o => o.Name == "probabilities").Labels);
        Assert.Equal(3, export.Sidecar.Opsets["ai.onnx.ml"]);
    }

    [Fact]
    public void Export_EncodedInputs_OnnxRuntimeMatchesTorchSharpEmbeddings()
    {
        using var model = new TabularTrainer(TabularTrainerTests.Small(TrainingObjective.Scarf)).Fit(SampleTables.LendingClub(300)).Model;
        var encoded = model.Preprocessor.Transform(SampleTables.LendingClub(150, skip: 700));

        var export = OnnxExporter.Export(model, new OnnxExportOptions { Inputs = OnnxInputMode.Encoded });
        using var session = new InferenceSession(export.Model);
        using var results = session.Run(
        [
            NamedOnnxValue.CreateFromTensor("numeric", new DenseTensor<float>(encoded.Numeric, [encoded.Rows, encoded.NumericWidth])),
            NamedOnnxValue.CreateFromTensor("categories", new DenseTensor<long>(encoded.Categories, [encoded.Rows, encoded.CategoryCount])),
        ]);

        AssertClose(model.Embed(encoded).Values, Output(results, "embedding"));
        Assert.DoesNotContain(results, r => r.Name == "probabilities");
        Assert.False(export.Sidecar.Opsets.ContainsKey("ai.onnx.ml"));
    }

    [Fact]
    public void Export_SameModelTwice_WritesIdenticalBytes()
    {
        using var model = new TabularTrainer(TabularTrainerTests.Small(TrainingObjective.Supervised)).Fit(SampleTables.LendingClub(120)).Model;
        var first = OnnxExporter.Export(model);
        var second = OnnxExporter.Export(model);
        Assert.Equal(first.Model, second.Model);
        Assert.Equal(first.Sidecar.OnnxHash, second.Sidecar.OnnxHash);
    }

    internal static List<NamedOnnxValue> RawInputs(Table rows, FittedPreprocessor preprocessor)
    {
        var inputs = new List<NamedOnnxValue>();
        foreach (var encoding in preprocessor.Columns)
        {
            var column = rows[encoding.Column];
            inputs.Add(encoding.Kind switch
            {
                ColumnEncodingKind.Numeric => NamedOnnxValue.CreateFromTensor(encoding.Column,
                    new DenseTensor<double>(((NumericColumn)column).Values.ToArray(), [rows.RowCount, 1])),
                ColumnEncodingKind.Categorical => NamedOnnxValue.CreateFromTensor(encoding.Column,
                    new DenseTensor<string>(((StringColumn)column).Values.ToArray().Select(v => v ?? string.Empty).ToArray(), [rows.RowCount, 1])),
                _ => throw new InvalidOperationException("the sample has no datetime columns"),
            });
        }

        return inputs;
    }

    private static Table WithGaps(Table rows)
    {
        // Missing values exercise the missing-value rules in the graph: NaN numbers, null categories.
        var columns = rows.Columns.Select(c => c switch
        {
            NumericColumn n when n.Name == "annual_inc" => new NumericColumn(n.Name, n.Values.ToArray().Select((v, i) => i % 7 == 0 ? double.NaN : v).ToArray()),
            StringColumn s when s.Name == "addr_state" => new StringColumn(s.Name, s.Values.ToArray().Select((v, i) => i % 5 == 0 ? null : i % 11 == 0 ? "XX" : v).ToArray()),
            _ => c,
        }).ToList<Column>();
        return new Table(columns);
    }

    private static float[] Output(IReadOnlyCollection<DisposableNamedOnnxValue> results, string name) =>
        results.Single(r => r.Name == name).AsTensor<float>().ToArray();

    private static void AssertClose(float[] expected, float[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        var worst = 0f;
        for (var i = 0; i < expected.Length; i++)
        {
            worst = Math.Max(worst, Math.Abs(expected[i] - actual[i]));
        }

        Assert.True(worst <= Tolerance, $"largest difference {worst:E2} > {Tolerance:E0}");
    }
}
