package io.tradingengine.schemas.registry;

import io.tradingengine.schemas.Topics;
import io.tradingengine.schemas.serde.SchemaRegistryException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's own schema registry storage: the compacted, single-partition topic {@code _schemas}, in Confluent
 * Schema Registry's record format (see {@link SchemaTopicRecords}), read to the end at start and then followed by
 * a background reader, so every instance on the cluster converges on the same subjects, versions and ids.
 *
 * <p>Ids are global and stable across restarts; the same schema (by {@link Canonical} form) keeps its id across
 * subjects. A registration writes one record with an idempotent producer and returns once the reader has applied
 * it (read-your-write); registrations within a process are serialised.
 *
 * <p>Several instances registering at the same moment: each picks {@code max id + 1} from its view, so two may
 * claim one id for different schemas, or one subject version for different schemas. The log decides: every
 * instance applies the rules of {@link SchemaLog} (the first accepted record wins), and a writer whose record was
 * rejected sees it on read-back, rewrites the winning record when they shared a key (compaction keeps only the last
 * record of a key), and retries with the next free id. Limitation: a writer that crashes between a rejected write
 * and that repair leaves a record which, once compaction removes the winner's earlier copy, could win on a later
 * replay; a single elected writer would remove this window (docs/schema-registry.md). The registry's rules
 * (compatibility, deletes, levels) are those of {@link LogSchemaStore}, shared with {@link InMemorySchemaStore}.
 *
 * <p>Reads are served from memory; a lookup by id, subject version or schema that misses first catches up with
 * the end of the topic, so an id registered a moment ago by another instance is found.
 */
public final class KafkaSchemaStore extends LogSchemaStore implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaSchemaStore.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final int TIMED_OUT = 50002;

    private final String topic;
    private final TopicPartition partition;
    private final Admin admin;
    private final KafkaProducer<byte[], byte[]> producer;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Object progress = new Object();
    private final CountDownLatch closing = new CountDownLatch(1);
    private final Thread reader;
    private long appliedUpTo;
    private boolean closed;

    private KafkaSchemaStore(String topic, Map<String, Object> clientConfig) {
        this.topic = topic;
        this.partition = new TopicPartition(topic, 0);
        this.admin = Admin.create(adminConfig(clientConfig));
        KafkaProducer<byte[], byte[]> createdProducer = null;
        try {
            createdProducer = new KafkaProducer<>(producerConfig(clientConfig));
            this.consumer = new KafkaConsumer<>(consumerConfig(clientConfig));
        } catch (RuntimeException e) {
            // A bad setting fails the second or third client; do not leak the ones already running.
            if (createdProducer != null) {
                createdProducer.close(Duration.ZERO);
            }
            admin.close(Duration.ZERO);
            throw e;
        }
        this.producer = createdProducer;
        this.reader = new Thread(this::readLoop, "schema-store-reader-" + topic);
        this.reader.setDaemon(true);
    }

    /** Starts the store on {@code _schemas} of this cluster, creating the topic when absent; reads it to the end. */
    public static KafkaSchemaStore start(String bootstrapServers) {
        return start(bootstrapServers, Topics.SCHEMAS, Map.of());
    }

    /**
     * Starts the store on {@code topic}; {@code clientConfig} is added to the admin, producer and consumer configs
     * (security settings of a production cluster, for example).
     *
     * @throws SchemaRegistryException 50001 when the cluster cannot be reached or the topic is not compacted or has
     *     more than one partition; 50002 when it cannot be read to the end within 30 s
     */
    public static KafkaSchemaStore start(String bootstrapServers, String topic, Map<String, Object> clientConfig) {
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        KafkaSchemaStore store;
        try {
            store = new KafkaSchemaStore(topic, config);
        } catch (KafkaException e) {
            throw new SchemaRegistryException(STORE_ERROR, "Cannot create Kafka clients for the schema store at "
                    + bootstrapServers + ": " + e.getMessage(), e);
        }
        try {
            store.ensureTopic();
            store.reader.start();
            store.catchUp();
            LOG.info("Schema store on topic {} started with {} subjects", topic, store.log.subjects().size());
            return store;
        } catch (RuntimeException e) {
            store.close();
            throw e instanceof SchemaRegistryException ? e
                    : new SchemaRegistryException(STORE_ERROR, "Cannot start the schema store on topic " + topic
                            + " at " + bootstrapServers + ": " + e.getMessage(), e);
        }
    }

    /** Stops the reader and closes the Kafka clients. Idempotent. */
    @Override
    public void close() {
        synchronized (progress) {
            if (closed) {
                return;
            }
            closed = true;
            progress.notifyAll();
        }
        closing.countDown();
        consumer.wakeup();
        if (reader.getState() == Thread.State.NEW) {
            consumer.close(Duration.ZERO);
        } else {
            // The reader thread owns the consumer and closes it on its way out.
            try {
                reader.join(TIMEOUT.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        producer.close(TIMEOUT);
        admin.close(TIMEOUT);
    }

    /**
     * Describes the schemas topic, retrying while a topic just created is not yet known to the broker answering
     * (metadata propagates asynchronously), within {@link #TIMEOUT}.
     */
    private TopicDescription describeTopic() throws ExecutionException, TimeoutException, InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (true) {
            try {
                return admin.describeTopics(List.of(topic)).allTopicNames()
                        .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).get(topic);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof org.apache.kafka.common.errors.UnknownTopicOrPartitionException)
                        || System.nanoTime() > deadline) {
                    throw e;
                }
                TimeUnit.MILLISECONDS.sleep(50);
            }
        }
    }

    private void ensureTopic() {
        try {
            Set<String> topics = admin.listTopics(new ListTopicsOptions().listInternal(true)).names()
                    .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            if (!topics.contains(topic)) {
                createTopic();
            }
            TopicDescription description = describeTopic();
            if (description.partitions().size() != 1) {
                throw new SchemaRegistryException(STORE_ERROR, "The schemas topic " + topic + " has "
                        + description.partitions().size() + " partitions; it must have exactly 1 to keep one order");
            }
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
            Config config = admin.describeConfigs(List.of(resource)).all()
                    .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).get(resource);
            String policy = config.get(TopicConfig.CLEANUP_POLICY_CONFIG).value();
            if (policy == null || !policy.toLowerCase(Locale.ROOT).contains(TopicConfig.CLEANUP_POLICY_COMPACT)) {
                throw new SchemaRegistryException(STORE_ERROR, "The schemas topic " + topic + " has cleanup.policy="
                        + policy + "; it must be compact, or old schemas would be deleted");
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new SchemaRegistryException(STORE_ERROR, "Cannot check the schemas topic " + topic + ": "
                    + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SchemaRegistryException(STORE_ERROR, "Interrupted while checking the schemas topic", e);
        }
    }

    private void createTopic() throws InterruptedException, ExecutionException, TimeoutException {
        // Three replicas where the cluster has them, as Confluent's registry does; one on a single embedded broker.
        int brokers = admin.describeCluster().nodes().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).size();
        short replicas = (short) Math.max(1, Math.min(3, brokers));
        NewTopic newTopic = new NewTopic(topic, 1, replicas)
                .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
        try {
            admin.createTopics(List.of(newTopic)).all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            LOG.info("Created the schemas topic {} with {} replicas", topic, replicas);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
            // Another instance created it at the same moment.
        }
    }

    @Override
    long append(byte[] key, byte[] value) {
        try {
            return producer.send(new ProducerRecord<>(topic, 0, key, value))
                    .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).offset();
        } catch (ExecutionException | TimeoutException | KafkaException e) {
            throw new SchemaRegistryException(STORE_ERROR, "Cannot write to the schemas topic " + topic + ": "
                    + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SchemaRegistryException(STORE_ERROR, "Interrupted while writing the schemas topic", e);
        }
    }

    /** Waits until the reader has applied every record that is in the topic now. */
    @Override
    void catchUp() {
        long end;
        try {
            end = admin.listOffsets(Map.of(partition, OffsetSpec.latest()),
                            new ListOffsetsOptions(IsolationLevel.READ_COMMITTED))
                    .partitionResult(partition).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).offset();
        } catch (ExecutionException | TimeoutException e) {
            throw new SchemaRegistryException(STORE_ERROR, "Cannot read the end offset of the schemas topic " + topic
                    + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SchemaRegistryException(STORE_ERROR, "Interrupted while reading the schemas topic", e);
        }
        awaitApplied(end);
    }

    /** Waits until the reader's position is at least {@code offset} (the next offset it will read). */
    @Override
    void awaitApplied(long offset) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        synchronized (progress) {
            while (appliedUpTo < offset) {
                if (closed) {
                    throw new SchemaRegistryException(STORE_ERROR, "The schema store is closed");
                }
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0) {
                    throw new SchemaRegistryException(TIMED_OUT, "The schemas topic reader did not reach offset "
                            + offset + " of " + topic + " within " + TIMEOUT.toSeconds() + " s (it is at "
                            + appliedUpTo + ")");
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(progress, remaining);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new SchemaRegistryException(STORE_ERROR, "Interrupted while waiting for the schemas topic",
                            e);
                }
            }
        }
    }

    private void readLoop() {
        try {
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            while (closing.getCount() > 0) {
                try {
                    for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                        SchemaLog.Outcome outcome = log.apply(record.key(), record.value());
                        LOG.debug("Schemas topic offset {}: {}", record.offset(), outcome);
                    }
                    // The position also moves past compacted gaps and control records, so take it from the consumer.
                    advance(consumer.position(partition));
                } catch (WakeupException e) {
                    // close() wakes the poll; the loop condition ends the thread.
                } catch (KafkaException e) {
                    LOG.warn("Reading the schemas topic {} failed, retrying: {}", topic, e.getMessage());
                    awaitClosing(POLL);
                }
            }
        } catch (RuntimeException e) {
            LOG.error("The schemas topic reader of {} stopped", topic, e);
        } finally {
            consumer.close(Duration.ZERO);
        }
    }

    private void advance(long position) {
        synchronized (progress) {
            if (position > appliedUpTo) {
                appliedUpTo = position;
                progress.notifyAll();
            }
        }
    }

    private void awaitClosing(Duration pause) {
        try {
            closing.await(pause.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Map<String, Object> adminConfig(Map<String, Object> clientConfig) {
        return new HashMap<>(clientConfig);
    }

    private static Map<String, Object> producerConfig(Map<String, Object> clientConfig) {
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        return config;
    }

    private static Map<String, Object> consumerConfig(Map<String, Object> clientConfig) {
        Map<String, Object> config = new HashMap<>(clientConfig);
        // No group: the reader assigns the one partition itself and always starts from the beginning.
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        return config;
    }
}
