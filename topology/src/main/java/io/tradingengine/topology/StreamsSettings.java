package io.tradingengine.topology;

import java.util.Properties;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The Kafka Streams configuration of the engine.
 *
 * <ul>
 *   <li><b>{@code processing.guarantee=exactly_once_v2}</b>: reading an order, updating the stores and writing
 *       the result, trade and position are one transaction.</li>
 *   <li><b>{@code commit.interval.ms} = {@value #COMMIT_INTERVAL_MS}</b>: under exactly-once the outputs become
 *       visible to read-committed readers (the REST waiter, the sink) only when the transaction commits, so the
 *       commit interval is a floor under order-to-result latency (on average half of it). Streams' default is 100 ms
 *       under EOS; 20 ms gave the best median at 1,000 orders/s in the study of docs/performance.md (5 ms halves
 *       the median at low rates but costs the thread ~3 ms a commit, which at high rates grows the tail).
 *       {@link StreamsTuning} (COMMIT_INTERVAL_MS) overrides it.</li>
 *   <li><b>{@code num.stream.threads}</b> = {@value #STREAM_THREADS} unless STREAM_THREADS says otherwise: on two
 *       cores shared with the broker a second thread measured worse.</li>
 *   <li><b>{@code poll.ms}</b> = {@value #POLL_MS}, Streams' default (STREAMS_POLL_MS overrides it): a poll
 *       returns as soon as records arrive, and shorter polls measured worse (at 100 orders/s with a 5 ms commit
 *       interval, 5 ms polls doubled the median).</li>
 *   <li><b>producer {@code linger.ms} = {@value #PRODUCER_LINGER_MS}</b> instead of Streams' 100: records leave
 *       while the transaction is open, so the flush at commit has little left to send.</li>
 *   <li><b>deserialization errors</b>: {@link DeadLetterDeserializationHandler}, so a poison record (not Avro, or
 *       an unknown schema id) goes to {@code <topic>-dlq} with the error in headers and never stops the topology.
 *       Streams counts every skipped record in its task metric {@code dropped-records-total} (group
 *       {@code stream-task-metrics}). Streams' own {@code errors.dead.letter.queue.topic.name} takes a single
 *       topic name, not the per-topic {@code <topic>-dlq} of the design, so it is not set.</li>
 *   <li><b>RocksDB</b>: {@link BoundedMemoryRocksDBConfig}, one shared 64 MiB budget for all stores.</li>
 *   <li><b>{@code num.standby.replicas}</b>: 0 unless given, see
 *       {@link #properties(String, String, String, String, StreamsTuning)}.</li>
 * </ul>
 *
 * <p>{@code max.task.idle.ms} stays at Streams' default 0: a task that reads {@code orders} and
 * {@code assessments} waits for a partition it knows has data, so an assessment created just before an order is
 * processed before it.
 */
public final class StreamsSettings {

    public static final int COMMIT_INTERVAL_MS = 20;
    public static final int PRODUCER_LINGER_MS = 5;
    public static final int STREAM_THREADS = 1;
    public static final int POLL_MS = 100;

    private StreamsSettings() {
    }

    /**
     * Settings without standby replicas.
     *
     * @param applicationId Streams application id (consumer group, prefix of internal topics)
     * @param bootstrapServers Kafka bootstrap servers
     * @param stateDir directory of the RocksDB stores
     * @param applicationServer this instance's {@code host:port} for interactive queries, or null
     */
    public static Properties properties(String applicationId, String bootstrapServers, String stateDir,
                                        String applicationServer) {
        return properties(applicationId, bootstrapServers, stateDir, applicationServer, 0);
    }

    /**
     * Settings with {@code standbyReplicas} warm copies of every store on other instances (faster fail-over, and
     * interactive queries can be served from a standby).
     */
    public static Properties properties(String applicationId, String bootstrapServers, String stateDir,
                                        String applicationServer, int standbyReplicas) {
        return properties(applicationId, bootstrapServers, stateDir, applicationServer,
                StreamsTuning.DEFAULTS.withStandbyReplicas(standbyReplicas));
    }

    /** Settings with the given latency and resilience tuning. */
    public static Properties properties(String applicationId, String bootstrapServers, String stateDir,
                                        String applicationServer, StreamsTuning tuning) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir);
        if (applicationServer != null && !applicationServer.isBlank()) {
            props.put(StreamsConfig.APPLICATION_SERVER_CONFIG, applicationServer);
        }
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, tuning.commitIntervalMs());
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, tuning.streamThreads());
        props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
                DeadLetterDeserializationHandler.class);
        props.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedMemoryRocksDBConfig.class);
        props.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, tuning.standbyReplicas());
        props.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), tuning.producerLingerMs());
        props.put(StreamsConfig.POLL_MS_CONFIG, (long) tuning.pollMs());
        return props;
    }
}
