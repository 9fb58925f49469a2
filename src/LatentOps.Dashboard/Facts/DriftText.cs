using LatentOps.Dashboard.Layout;
using LatentOps.Store.Tracking;

namespace LatentOps.Dashboard.Facts;

/// <summary>The latest drift of a monitoring run in plain words, with a status badge that does not rely on colour alone.</summary>
internal static class DriftText
{
    /// <summary>Share of drifted features above which the badge warns (the monitoring default's alert level).</summary>
    public const double WarnShare = 0.3;

    public static string Badge(Run run)
    {
        var when = Format.Time(run.Info.StartTime);
        var model = run.Tags.GetValueOrDefault(TrackingTags.Model, "?");
        if (!run.Metrics.TryGetValue(TrackingTags.DriftShare, out var share) || double.IsNaN(share))
        {
            return PageContent.Encode($"checked {when} ({model}), no drift figure recorded");
        }

        var (status, word) = share >= WarnShare ? ("warning", "drifting") : share > 0 ? ("ok", "some change") : ("ok", "stable");
        return $"<span class=\"badge {status}\">{PageContent.Encode(word)}</span> {PageContent.Encode($"{Format.Percent(share)} of inputs changed ({model}, {when})")}";
    }
}
