namespace LatentOps.Dashboard.Layout;

/// <summary>One entry of the dashboard's main navigation.</summary>
/// <param name="Path">The address (<c>/models</c>); the entry is marked current for it and every address below it.</param>
/// <param name="Text">The link text.</param>
public sealed record NavigationItem(string Path, string Text);
