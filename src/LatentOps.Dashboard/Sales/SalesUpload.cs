namespace LatentOps.Dashboard.Sales;

/// <summary>An uploaded sales file kept in the workspace, waiting to be analysed.</summary>
/// <param name="Id">The analysis.</param>
/// <param name="FileName">The name the file was uploaded under.</param>
/// <param name="Path">Where the upload is kept.</param>
internal sealed record SalesUpload(string Id, string FileName, string Path);
