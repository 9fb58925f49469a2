using System.Runtime;

namespace LatentOps.Learning.Torch;

/// <summary>
/// Keeps the garbage collector from running during one training step (a no-GC region of a fixed
/// budget), as a guard against a TorchSharp 0.107 use-after-free: many TorchSharp calls pass
/// <c>scalar.Handle</c> to native code without <c>GC.KeepAlive(scalar)</c>, so in optimised builds an
/// implicitly created <c>Scalar</c> (e.g. Adam's <c>1 - beta2</c>, the <c>alpha</c> of <c>add</c>) can be
/// finalised while LibTorch still reads it, and a step fails with "Expected false to be true ... toFloat"
/// or silently uses a garbage value. Seen here under load in Release builds. If the budget is exceeded
/// or another thread already holds a region, the step simply runs without the guard.
/// </summary>
internal readonly struct GcPause : IDisposable
{
    private const long Budget = 64L * 1024 * 1024;
    private static readonly Lock Gate = new();
    private static int holders;
    private readonly bool entered;

    private GcPause(bool entered) => this.entered = entered;

    public static GcPause Enter()
    {
        lock (Gate)
        {
            if (holders > 0 || GCSettings.LatencyMode == GCLatencyMode.NoGCRegion)
            {
                return new GcPause(false);
            }

            try
            {
                if (GC.TryStartNoGCRegion(Budget))
                {
                    holders++;
                    return new GcPause(true);
                }
            }
            catch (InvalidOperationException)
            {
            }
            catch (ArgumentOutOfRangeException)
            {
            }

            return new GcPause(false);
        }
    }

    public void Dispose()
    {
        if (!entered)
        {
            return;
        }

        lock (Gate)
        {
            holders--;
            try
            {
                if (GCSettings.LatencyMode == GCLatencyMode.NoGCRegion)
                {
                    GC.EndNoGCRegion();
                }
            }
            catch (InvalidOperationException)
            {
                // The budget was exceeded and a collection already ended the region.
            }
        }
    }
}
