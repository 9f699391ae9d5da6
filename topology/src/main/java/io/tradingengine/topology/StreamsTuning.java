package io.tradingengine.topology;

/**
 * The Kafka Streams settings that trade latency against throughput and resilience, parsed once by the application
 * (COMMIT_INTERVAL_MS, STREAM_THREADS, STREAMS_LINGER_MS, NUM_STANDBY_REPLICAS, STREAMS_POLL_MS). docs/performance.md has the
 * measurements behind the defaults.
 *
 * @param commitIntervalMs how often a stream thread commits its transaction; under exactly-once the outputs become
 *     visible to read-committed readers only then, so half of it is added to the average order-to-result latency
 *     and all of it to the worst case, while each commit costs a few broker round trips
 * @param streamThreads stream threads of this instance; tasks are spread over them and each commits on its own
 * @param producerLingerMs linger of the Streams producer: records leave while the transaction is open, so the
 *     flush at commit has little left to send
 * @param standbyReplicas warm copies of every store on other instances (faster fail-over, and interactive queries
 *     can be answered by a standby)
 * @param pollMs Streams' {@code poll.ms}, how long the thread blocks waiting for input when none is buffered (a
 *     poll returns as soon as records arrive). Streams' default of 100 ms measured best: shorter polls made the
 *     thread spin and the latency worse (docs/performance.md).
 */
public record StreamsTuning(int commitIntervalMs, int streamThreads, int producerLingerMs, int standbyReplicas,
                            int pollMs) {

    /** The engine's defaults: see docs/performance.md for the study behind them. */
    public static final StreamsTuning DEFAULTS = new StreamsTuning(StreamsSettings.COMMIT_INTERVAL_MS,
            StreamsSettings.STREAM_THREADS, StreamsSettings.PRODUCER_LINGER_MS, 0);

    /** @throws IllegalArgumentException naming the component when a value is out of range */
    public StreamsTuning {
        if (commitIntervalMs < 1) {
            throw new IllegalArgumentException("commitIntervalMs must be >= 1, was " + commitIntervalMs);
        }
        if (streamThreads < 1) {
            throw new IllegalArgumentException("streamThreads must be >= 1, was " + streamThreads);
        }
        if (producerLingerMs < 0) {
            throw new IllegalArgumentException("producerLingerMs must be >= 0, was " + producerLingerMs);
        }
        if (standbyReplicas < 0) {
            throw new IllegalArgumentException("standbyReplicas must be >= 0, was " + standbyReplicas);
        }
        if (pollMs < 0) {
            throw new IllegalArgumentException("pollMs must be >= 0, was " + pollMs);
        }
    }

    /** A tuning with Streams' default {@code poll.ms} ({@link StreamsSettings#POLL_MS}). */
    public StreamsTuning(int commitIntervalMs, int streamThreads, int producerLingerMs, int standbyReplicas) {
        this(commitIntervalMs, streamThreads, producerLingerMs, standbyReplicas, StreamsSettings.POLL_MS);
    }

    /** The same tuning with {@code replicas} standby replicas. */
    public StreamsTuning withStandbyReplicas(int replicas) {
        return new StreamsTuning(commitIntervalMs, streamThreads, producerLingerMs, replicas, pollMs);
    }
}
