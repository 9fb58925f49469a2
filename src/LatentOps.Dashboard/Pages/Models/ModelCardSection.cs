using LatentOps.Dashboard.Layout;
using LatentOps.Store.Registry;
using LatentOps.Store.Workspaces;

namespace LatentOps.Dashboard.Pages.Models;

/// <summary>The model card section of a version page.</summary>
internal static class ModelCardSection
{
    public static void Add(PageContent content, Workspace workspace, ModelVersion version)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        content.Explain("A model card is the model's fact sheet: what it is for, what it must not be used for, how it was trained and tested, and its known limits.");
        content.Finding("info", "The model card is not available",
            $"This build has no model card generator; the facts, test results, slices and reliability diagram below come from what LatentOps recorded for {version.Reference}.");
    }
}
