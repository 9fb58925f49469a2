namespace LatentOps.Learning.Tests;

/// <summary>Tests that measure the whole process (working set) run alone, not beside other tests.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SerialCollection
{
    public const string Name = "serial";
}
