using LatentOps.Core.Errors;
using LatentOps.Monitoring.Drift;
using LatentOps.Monitoring.Tests.Fixtures;

namespace LatentOps.Monitoring.Tests.Drift;

public sealed class DriftTestsTests
{
    [Fact]
    public void KolmogorovSmirnov_ScipyCases_MatchStatisticAndAsymptoticPValue()
    {
        foreach (var c in ReferenceData.Cases("numeric"))
        {
            var r = DriftTests.Get(DriftMethod.KolmogorovSmirnov).Test(
                DriftSample.FromNumbers("x", ReferenceData.Numbers(c, "reference")), DriftSample.FromNumbers("x", ReferenceData.Numbers(c, "current")), 0.05);
            Assert.Equal(c.GetProperty("ks_statistic").GetDouble(), r.Statistic, 9);
            // Stephens-corrected asymptotic form vs scipy's exact one-sample kstwo: documented to agree within 0.02.
            Assert.InRange(r.PValue!.Value - c.GetProperty("ks_pvalue_asymp").GetDouble(), -0.02, 0.02);
            Assert.Equal("ks", r.Method);
            Assert.Equal(0.05, r.Threshold);
        }
    }

    [Fact]
    public void Wasserstein_ScipyCases_MatchNormalisedDistance()
    {
        foreach (var c in ReferenceData.Cases("numeric"))
        {
            var r = DriftTests.Get(DriftMethod.Wasserstein).Test(
                DriftSample.FromNumbers("x", ReferenceData.Numbers(c, "reference")), DriftSample.FromNumbers("x", ReferenceData.Numbers(c, "current")), 0.1);
            Assert.Equal(c.GetProperty("wasserstein_norm").GetDouble(), r.Statistic, 9);
            Assert.Null(r.PValue);
            Assert.Equal(r.Statistic >= 0.1, r.Drifted);
        }
    }

    [Fact]
    public void CategoryTests_ScipyCases_MatchChiSquareJensenShannonAndPsi()
    {
        foreach (var c in ReferenceData.Cases("categorical"))
        {
            var a = DriftSample.FromCategories("c", ReferenceData.Strings(c, "reference"));
            var b = DriftSample.FromCategories("c", ReferenceData.Strings(c, "current"));
            var chi = DriftTests.Get(DriftMethod.ChiSquare).Test(a, b, 0.05);
            Assert.Equal(c.GetProperty("chi2").GetDouble(), chi.Statistic, 8);
            Assert.Equal(c.GetProperty("chi2_pvalue").GetDouble(), chi.PValue!.Value, 10);
            Assert.Equal(c.GetProperty("js").GetDouble(), DriftTests.Get(DriftMethod.JensenShannon).Test(a, b, 0.1).Statistic, 9);
            Assert.Equal(c.GetProperty("psi").GetDouble(), DriftTests.Get(DriftMethod.PopulationStabilityIndex).Test(a, b, 0.1).Statistic, 9);
        }
    }

    [Fact]
    public void Get_EveryMethod_IdenticalSamplesDoNotDriftAndSayWhichThresholdWasUsed()
    {
        var values = Enumerable.Range(0, 400).Select(i => (double)(i % 37)).ToArray();
        foreach (var method in DriftTests.All)
        {
            var r = DriftTests.Get(method).Test(DriftSample.FromNumbers("x", values), DriftSample.FromNumbers("x", values), 0.07);
            Assert.False(r.Drifted, method.ToString());
            Assert.Equal(0.07, r.Threshold);
            Assert.Equal(DriftTests.HasPValue(method), r.PValue is not null);
        }
    }

    [Fact]
    public void Get_EveryMethod_LargeShiftDrifts()
    {
        var random = new Random(3);
        var a = Enumerable.Range(0, 600).Select(_ => Math.Floor(random.NextDouble() * 30)).ToArray();
        var b = a.Select(v => v + 6).ToArray();
        foreach (var method in DriftTests.All)
        {
            var r = DriftTests.Get(method).Test(DriftSample.FromNumbers("x", a), DriftSample.FromNumbers("x", b), method == DriftMethod.ChiSquare || method == DriftMethod.KolmogorovSmirnov ? 0.05 : 0.1);
            Assert.True(r.Drifted, method.ToString());
        }
    }

    [Fact]
    public void KolmogorovSmirnov_CategoricalColumn_ThrowsInvalidInputNamingColumn()
    {
        var ex = Assert.Throws<LatentOpsException>(() => DriftTests.Get(DriftMethod.KolmogorovSmirnov).Test(
            DriftSample.FromCategories("grade", ["A", "B"]), DriftSample.FromCategories("grade", ["A"]), 0.05));
        Assert.Equal(ErrorCode.InvalidInput, ex.Code);
        Assert.Contains("grade", ex.Message);
    }

    [Fact]
    public void ChiSquare_TwoCategories_EqualsSquaredTwoProportionZ()
    {
        string?[] a = [.. Enumerable.Repeat("y", 70), .. Enumerable.Repeat("n", 130)];
        string?[] b = [.. Enumerable.Repeat("y", 90), .. Enumerable.Repeat("n", 110)];
        var r = DriftTests.Get(DriftMethod.ChiSquare).Test(DriftSample.FromCategories("c", a), DriftSample.FromCategories("c", b), 0.05);
        double p1 = 0.35, p2 = 0.45, p = 0.4;
        var z = (p2 - p1) / Math.Sqrt(p * (1 - p) * (2.0 / 200));
        Assert.Equal(z * z, r.Statistic, 9);
    }
}
