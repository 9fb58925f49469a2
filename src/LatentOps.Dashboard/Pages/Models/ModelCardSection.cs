using LatentOps.Core.References;
using LatentOps.Dashboard.Layout;
using LatentOps.Governance.Cards;
using LatentOps.Store.Registry;
using LatentOps.Store.Workspaces;

namespace LatentOps.Dashboard.Pages.Models;

/// <summary>
/// The model card on the dashboard, from the governance library: its headline sentences on a version
/// page, the whole card on <c>/models/{name}/{version}/card</c>. Pages only read: the written-sections
/// file is never created from the web (people edit it, 'latentops card' creates it).
/// </summary>
internal static class ModelCardSection
{
    public static async Task AddSummaryAsync(PageContent content, Workspace workspace, ModelVersion version, CancellationToken cancellationToken)
    {
        content.Explain("A model card is the model's fact sheet: what it is for, what it must not be used for, how it was trained and tested, and its known limits.");
        var card = await BuildAsync(workspace, version, runDataChecks: false, cancellationToken).ConfigureAwait(false);
        content.Raw("<ul class=\"summary\">" + string.Concat(ModelCardRenderer.Summary(card).Select(line => $"<li>{PageContent.Encode(line.Replace("`", string.Empty, StringComparison.Ordinal))}</li>")) + "</ul>");
        content.Raw($"<p>{PageContent.Link($"/models/{PageContent.Segment(version.Name)}/{version.Version}/card", $"Open the full model card of {version.Reference}")}</p>");
    }

    public static Task<ModelCard> BuildAsync(Workspace workspace, ModelVersion version, bool runDataChecks, CancellationToken cancellationToken) =>
        ModelCardBuilder.BuildAsync(workspace, new ModelRef(version.Name, version.Version, null),
            new ModelCardOptions { EnsureWrittenSectionsFile = false, RunDataChecks = runDataChecks }, cancellationToken);
}
