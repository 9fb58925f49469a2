using System.Text;
using LatentOps.Learning.Torch;
using static TorchSharp.torch;

namespace LatentOps.Learning.Tests.Torch;

public sealed class TorchRuntimeTests
{
    [Fact]
    public void TensorOp_AfterLoadFix_RunsInProcess()
    {
        TorchRuntime.Configure(1);
        using var a = tensor(new float[] { 1, 2, 3, 4 }).reshape(2, 2);
        using var b = a.matmul(a);
        Assert.Equal(new float[] { 7, 10, 15, 22 }, b.data<float>().ToArray());
        Assert.Equal(1, get_num_threads());
    }

    [Fact]
    public void OutputLibrary_AfterBuild_MarksGlibcxx3432Weak()
    {
        var candidates = new[]
        {
            Path.Combine(AppContext.BaseDirectory, "libLibTorchSharp.so"),
            Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native", "libLibTorchSharp.so"),
        };
        var path = candidates.First(File.Exists);
        var flags = ElfVersionNeeds.FlagsOf(File.ReadAllBytes(path), "GLIBCXX_3.4.32");

        // The package's copy has the requirement; the output copy must carry it as weak (0x2).
        Assert.NotNull(flags);
        Assert.Equal(0x2, flags!.Value & 0x2);
    }

    [Fact]
    public void PackageCache_AfterBuild_IsLeftUnmodified()
    {
        var home = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        var cached = Path.Combine(home, "torchsharp", "0.107.0", "runtimes", "linux-x64", "native", "libLibTorchSharp.so");
        Assert.SkipWhen(!File.Exists(cached), $"No package cache copy at {cached}.");
        var flags = ElfVersionNeeds.FlagsOf(File.ReadAllBytes(cached), "GLIBCXX_3.4.32");
        Assert.NotNull(flags);
        Assert.Equal(0, flags!.Value & 0x2);
    }
}

/// <summary>Reads vna_flags of a Vernaux entry of an ELF64 little-endian file (test-side twin of build/TorchSharpLoadFix.targets).</summary>
internal static class ElfVersionNeeds
{
    public static int? FlagsOf(byte[] bytes, string versionName)
    {
        var shoff = BitConverter.ToInt64(bytes, 0x28);
        int shentsize = BitConverter.ToUInt16(bytes, 0x3A);
        int shnum = BitConverter.ToUInt16(bytes, 0x3C);
        for (var s = 0; s < shnum; s++)
        {
            var sh = (int)(shoff + (long)s * shentsize);
            if (BitConverter.ToUInt32(bytes, sh + 4) != 0x6ffffffe)
            {
                continue;
            }

            var secOff = BitConverter.ToInt64(bytes, sh + 0x18);
            var link = (int)BitConverter.ToUInt32(bytes, sh + 0x28);
            var count = (int)BitConverter.ToUInt32(bytes, sh + 0x2C);
            var strOff = BitConverter.ToInt64(bytes, (int)(shoff + (long)link * shentsize) + 0x18);
            var vn = secOff;
            for (var n = 0; n < count; n++)
            {
                int cnt = BitConverter.ToUInt16(bytes, (int)vn + 2);
                var aux = vn + BitConverter.ToUInt32(bytes, (int)vn + 8);
                for (var a = 0; a < cnt; a++)
                {
                    var nameOff = (int)(strOff + BitConverter.ToUInt32(bytes, (int)aux + 8));
                    var end = Array.IndexOf(bytes, (byte)0, nameOff);
                    if (Encoding.ASCII.GetString(bytes, nameOff, end - nameOff) == versionName)
                    {
                        return BitConverter.ToUInt16(bytes, (int)aux + 4);
                    }

                    aux += BitConverter.ToUInt32(bytes, (int)aux + 12);
                }

                vn += BitConverter.ToUInt32(bytes, (int)vn + 12);
            }
        }

        return null;
    }
}
