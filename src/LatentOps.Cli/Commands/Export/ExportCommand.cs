using System.CommandLine;
using System.Text;
using LatentOps.Cli.Commands.Runs;
using LatentOps.Cli.Infrastructure;
using LatentOps.Core.Errors;
using LatentOps.Core.References;
using LatentOps.Core.Serialization;
using LatentOps.Learning.Export;
using LatentOps.Learning.Packaging;

namespace LatentOps.Cli.Commands.Export;

/// <summary><c>latentops export REF --format onnx --out FILE</c>: a registered model as an ONNX graph plus a sidecar JSON.</summary>
internal static class ExportCommand
{
    public static Command Create(CommandFactory factory)
    {
        var reference = new Argument<string>("REF") { Description = "The model version: NAME:VERSION or NAME@ALIAS." };
        var format = new Option<string>("--format")
        {
            Description = "The export format. Only onnx (opset 17; ONNX Runtime 1.14 or later).",
            DefaultValueFactory = _ => "onnx",
        };
        format.AcceptOnlyFromAmong("onnx");
        var output = new Option<string>("--out", "--onnx")
        {
            Description = "The .onnx file to write; the sidecar JSON (what the graph takes and returns) is written beside it as FILE.json.",
            Required = true,
            HelpName = "FILE",
        };
        var inputs = new Option<string>("--inputs")
        {
            Description = "raw: one input per column, preprocessing (scaling, missing values, category lookup) in the graph (image models: one 'pixels' [N,H*W] float input of raw pixel values, scaled in the graph); encoded: the preprocessed numeric [N,W] float and categories [N,C] int64 tensors (image models: 'numeric' [N,H*W] already scaled pixels).",
            DefaultValueFactory = _ => "raw",
        };
        inputs.AcceptOnlyFromAmong("raw", "encoded");
        var command = new Command("export", "Export a registered model (tabular or image) as an ONNX graph (encoder, and the classifier head when it has one) with a sidecar JSON describing its inputs and outputs.")
        {
            reference, format, output, inputs,
        };
        factory.SetAction(command, async context =>
        {
            var registry = StoreAccess.Registry(context);
            var version = await registry.ResolveAsync(ModelRef.Parse(context.Value(reference)!), context.CancellationToken).ConfigureAwait(false);
            if (!context.Workspace.Artifacts.Exists(version.PackageHash))
            {
                throw LatentOpsException.InvalidState($"Model {version.Reference} is registered but its package {version.PackageHash[..12]} is missing from the artifact store.");
            }

            var target = Path.GetFullPath(context.Value(output)!, context.Environment.CurrentDirectory);
            if (Directory.Exists(target))
            {
                throw LatentOpsException.InvalidInput($"--out '{target}' is a folder; give a file name such as model.onnx.");
            }

            var mode = context.Value(inputs) == "encoded" ? OnnxInputMode.Encoded : OnnxInputMode.Raw;
            using var model = ModelPackage.LoadAny(context.Workspace.Artifacts.GetPath(version.PackageHash));
            var export = OnnxExporter.Export(model, new OnnxExportOptions { Inputs = mode, Description = $"LatentOps model {version.Reference} (package {version.PackageHash})" });
            var sidecar = export.Sidecar with { Model = version.Reference, PackageHash = version.PackageHash };
            var sidecarPath = target + ".json";
            WriteAtomic(target, export.Model);
            WriteAtomic(sidecarPath, Encoding.UTF8.GetBytes(LatentOpsJson.Serialize(sidecar)));
            var result = new ExportResult(version.Reference, "onnx", mode.ToString().ToLowerInvariant(), target, sidecarPath, export.Model.Length, sidecar.OnnxHash!, sidecar.Inputs.Count, [.. sidecar.Outputs.Select(o => o.Name)]);
            context.WriteResult(result, writer =>
            {
                writer.WriteLine($"Exported {version.Reference} to {target} ({export.Model.Length / 1024.0:0.#} KiB, {sidecar.Inputs.Count} inputs, outputs {string.Join(", ", result.Outputs)}).");
                writer.WriteLine($"Inputs and outputs are described in {sidecarPath}.");
            });
            return ExitCodes.Success;
        });
        return command;
    }

    private static void WriteAtomic(string path, byte[] content)
    {
        var folder = Path.GetDirectoryName(path)!;
        Directory.CreateDirectory(folder);
        var temp = Path.Combine(folder, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.partial");
        try
        {
            using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                file.Write(content);
                file.Flush(flushToDisk: true);
            }

            File.Move(temp, path, overwrite: true);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }

    /// <summary>What <c>latentops export</c> wrote.</summary>
    internal sealed record ExportResult(string Model, string Format, string Inputs, string Path, string Sidecar, long Bytes, string Sha256, int InputCount, IReadOnlyList<string> Outputs);
}
