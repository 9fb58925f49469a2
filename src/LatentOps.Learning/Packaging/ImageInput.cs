namespace LatentOps.Learning.Packaging;

/// <summary>
/// The image part of an image model's signature: the pixel columns hold Height x Width grey pixels,
/// row-major; each is divided by <paramref name="PixelScale"/> and clipped to [-1, 1] before the
/// network sees it (the same rule is in the manifest's preprocessing, one numeric column per pixel).
/// </summary>
/// <param name="Height">Image height in pixels.</param>
/// <param name="Width">Image width in pixels.</param>
/// <param name="Channels">Colour channels (1: grey).</param>
/// <param name="PixelScale">The value each pixel is divided by (e.g. 255).</param>
/// <param name="FirstPixelColumn">The column of the top-left pixel (<c>pixel_0</c>); the others follow row-major.</param>
/// <param name="LastPixelColumn">The column of the bottom-right pixel (e.g. <c>pixel_783</c>).</param>
public sealed record ImageInput(int Height, int Width, int Channels, double PixelScale, string FirstPixelColumn, string LastPixelColumn);
