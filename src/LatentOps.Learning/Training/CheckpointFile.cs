using System.Text;
using System.Text.Json;
using LatentOps.Core.Errors;
using LatentOps.Core.Serialization;
using LatentOps.Learning.Packaging;

namespace LatentOps.Learning.Training;

/// <summary>A checkpoint file: a zip of checkpoint.json and the weights, written atomically after every epoch.</summary>
internal static class CheckpointFile
{
    public const string StateEntry = "checkpoint.json";
    public const string EncoderEntry = "encoder.bin";
    public const string HeadEntry = "head.bin";
    public const string OptimizerEntry = "optimizer.bin";
    public const string BestEncoderEntry = "best-encoder.bin";
    public const string BestHeadEntry = "best-head.bin";

    public static void Write(string path, CheckpointState state, IReadOnlyDictionary<string, byte[]> blobs)
    {
        var entries = new List<(string, byte[])> { (StateEntry, Encoding.UTF8.GetBytes(LatentOpsJson.Serialize(state))) };
        entries.AddRange(blobs.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => (kv.Key, kv.Value)));
        AtomicZip.Write(path, entries);
    }

    public static (CheckpointState State, Dictionary<string, byte[]> Blobs) Read(string path)
    {
        if (!File.Exists(path))
        {
            throw LatentOpsException.NotFound($"Checkpoint '{path}' does not exist.");
        }

        try
        {
            var entries = AtomicZip.Read(path);
            if (!entries.TryGetValue(StateEntry, out var json))
            {
                throw LatentOpsException.InvalidInput($"'{path}' is not a LatentOps checkpoint: it has no {StateEntry}.");
            }

            var state = LatentOpsJson.Deserialize<CheckpointState>(Encoding.UTF8.GetString(json));
            if (state.FormatVersion != 1)
            {
                throw LatentOpsException.InvalidInput($"Checkpoint '{path}' has format version {state.FormatVersion}; this build reads version 1.");
            }

            return (state, entries);
        }
        catch (Exception e) when (e is InvalidDataException or JsonException)
        {
            throw LatentOpsException.InvalidInput($"'{path}' is not a readable LatentOps checkpoint ({e.Message}).", e);
        }
    }
}
