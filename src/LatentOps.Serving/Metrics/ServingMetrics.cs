using Prometheus;

namespace LatentOps.Serving.Metrics;

/// <summary>
/// The server's Prometheus metrics, in a registry of its own so several servers in one process
/// (tests) do not share counters.
/// </summary>
public sealed class ServingMetrics
{
    /// <summary>Creates the metrics in a fresh registry.</summary>
    public ServingMetrics()
    {
        Registry = Prometheus.Metrics.NewCustomRegistry();
        var factory = Prometheus.Metrics.WithCustomRegistry(Registry);
        BatchSize = factory.CreateHistogram("latentops_batch_size_rows", "Rows per model batch.", new HistogramConfiguration
        {
            LabelNames = ["model"],
            Buckets = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024],
        });
        BatchSeconds = factory.CreateHistogram("latentops_batch_duration_seconds", "Time to run one model batch.", new HistogramConfiguration
        {
            LabelNames = ["model"],
            Buckets = Histogram.ExponentialBuckets(0.0001, 2, 16),
        });
        QueueDepth = factory.CreateGauge("latentops_queue_depth", "Requests waiting for a batch.", "model");
        ModelVersionsLoaded = factory.CreateGauge("latentops_model_version_loaded", "1 for each model version loaded (labels: model, version).", "model", "version");
        UnknownCategories = factory.CreateCounter("latentops_unknown_categories_total", "Category values not seen in training, mapped to the unknown bucket.", "model", "column");
        RequestLogWritten = factory.CreateCounter("latentops_request_log_written_total", "Requests written to the request log.");
        RequestLogDropped = factory.CreateCounter("latentops_request_log_dropped_total", "Requests not written to the request log (reason: queue_full or write_failed); the requests themselves were answered.", "reason");
        RequestLogQueueDepth = factory.CreateGauge("latentops_request_log_queue_depth", "Requests waiting to be written to the request log.");
    }

    /// <summary>The registry scraped at /metrics.</summary>
    public CollectorRegistry Registry { get; }

    /// <summary>Rows per batch.</summary>
    public Histogram BatchSize { get; }

    /// <summary>Batch durations.</summary>
    public Histogram BatchSeconds { get; }

    /// <summary>Queue depth per model.</summary>
    public Gauge QueueDepth { get; }

    /// <summary>Loaded model versions.</summary>
    public Gauge ModelVersionsLoaded { get; }

    /// <summary>Unknown category values seen in requests.</summary>
    public Counter UnknownCategories { get; }

    /// <summary>Requests written to the request log.</summary>
    public Counter RequestLogWritten { get; }

    /// <summary>Requests dropped by the request logger, by reason.</summary>
    public Counter RequestLogDropped { get; }

    /// <summary>Requests waiting for the request log writer.</summary>
    public Gauge RequestLogQueueDepth { get; }
}
