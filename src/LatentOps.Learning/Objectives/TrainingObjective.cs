namespace LatentOps.Learning.Objectives;

/// <summary>What an encoder is trained to do.</summary>
public enum TrainingObjective
{
    /// <summary>SCARF: contrastive InfoNCE (NT-Xent) between a row and a copy with random features replaced from their empirical marginals.</summary>
    Scarf,

    /// <summary>Denoising autoencoder: reconstruct a row from a swap-noised copy (MSE for numbers, cross-entropy for categories).</summary>
    Dae,

    /// <summary>Supervised classification with a linear head; with a pre-trained encoder this is fine-tuning.</summary>
    Supervised,

    /// <summary>Images only: SimCLR-style contrastive learning (two augmented views per image, NT-Xent).</summary>
    SimClr,
}
