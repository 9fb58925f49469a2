using static TorchSharp.torch;

namespace LatentOps.Learning.Images;

/// <summary>
/// SimCLR-style augmentations for small grey images, batched: a random crop rescaled to full size
/// (side scale in [MinScale, 1]), a random shift of up to MaxShift of the image, an optional random
/// horizontal flip (probability 1/2), and Gaussian pixel noise. One affine grid sample does crop,
/// shift and flip for the whole batch.
/// </summary>
internal static class ImageAugmentation
{
    public static Tensor Apply(Tensor images, Generator generator, double minScale, double maxShift, bool flip, double noise)
    {
        var batch = images.shape[0];
        var scale = rand([batch], generator: generator).mul(1 - minScale).add(minScale);
        var dx = rand([batch], generator: generator).mul(2).sub(1).mul(maxShift * 2);
        var dy = rand([batch], generator: generator).mul(2).sub(1).mul(maxShift * 2);
        var scaleX = flip ? scale.mul(rand([batch], generator: generator).lt(0.5).to_type(ScalarType.Float32).mul(-2).add(1)) : scale;
        var zero = zeros([batch]);
        var theta = stack([stack([scaleX, zero, dx], 1), stack([zero, scale, dy], 1)], 1);
        var grid = nn.functional.affine_grid(theta, [batch, 1, images.shape[2], images.shape[3]], align_corners: false);
        var moved = nn.functional.grid_sample(images, grid, GridSampleMode.Bilinear, GridSamplePaddingMode.Zeros, align_corners: false);
        return moved.add(randn(moved.shape, generator: generator).mul(noise)).clamp(0, 1);
    }
}
