namespace LatentOps.Cli.Commands.Train;

/// <summary>What <c>latentops train</c> leaves to the data kind: whether --objective was given, and --hidden (image channels).</summary>
/// <param name="ObjectiveGiven">True when the user named an objective (else: scarf for tables, simclr for images).</param>
/// <param name="Channels">--hidden when given: the channels of the last convolution for images.</param>
internal sealed record ImageTrainingChoices(bool ObjectiveGiven, int? Channels);
