using static TorchSharp.torch;

namespace LatentOps.Learning.Torch;

/// <summary>
/// Process-wide TorchSharp settings the training engine sets explicitly: the number of intra-op
/// threads and the random seed. Every training or inference entry point calls <see cref="Configure"/>.
/// </summary>
public static class TorchRuntime
{
    private static readonly Lock Gate = new();

    /// <summary>The number of threads LibTorch uses when a caller does not say: the processor count.</summary>
    public static int DefaultThreads => Environment.ProcessorCount;

    /// <summary>Sets the LibTorch intra-op thread count (1 or more) for this process.</summary>
    /// <param name="threads">Threads to use; 0 means <see cref="DefaultThreads"/>.</param>
    public static void Configure(int threads)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(threads);
        lock (Gate)
        {
            var wanted = threads == 0 ? DefaultThreads : threads;
            if (get_num_threads() != wanted)
            {
                set_num_threads(wanted);
            }
        }
    }

    /// <summary>Seeds LibTorch's global generator.</summary>
    public static void Seed(long seed) => manual_seed(seed);

    /// <summary>
    /// Builds networks under a process-wide lock, after seeding the global generator when a seed is
    /// given. Weight initialisation draws from LibTorch's global generator, so two trainings building
    /// networks at once in one process would otherwise steal each other's draws.
    /// </summary>
    internal static T Build<T>(long? seed, Func<T> build)
    {
        lock (Gate)
        {
            if (seed is { } s)
            {
                manual_seed(s);
            }

            return build();
        }
    }
}
