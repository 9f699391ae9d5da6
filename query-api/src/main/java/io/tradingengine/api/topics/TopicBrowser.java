package io.tradingengine.api.topics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.tradingengine.schemas.serde.SchemaRegistryClient;
import io.tradingengine.schemas.serde.WireFormat;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.admin.TopicListing;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads topics for operators, independently of the HTTP layer (which maps {@code GET /topics},
 * {@code GET /topics/{t}/partitions/{p}/records?offset=&limit=} and {@code GET /topics/{t}/offsets?timestamp=} onto
 * {@link #listTopics()}, {@link #records} and {@link #offsetsForTimestamp}). Values in the Confluent wire format are
 * decoded with their writer's schema from the registry, whatever the topic (live, replay, dead letters); others are
 * shown as text, or base64 when they are not UTF-8. Reads only committed records. Thread-safe: every call of
 * {@link #records} uses a consumer of its own, closed before it returns.
 */
public final class TopicBrowser implements AutoCloseable {

    /** The most records one call returns. */
    public static final int MAX_LIMIT = 1000;

    private static final Duration READ_TIMEOUT = Duration.ofSeconds(5);
    private static final long ADMIN_TIMEOUT_SECONDS = 30;

    private final String bootstrapServers;
    private final SchemaRegistryClient registry;
    private final Admin admin;

    public TopicBrowser(String bootstrapServers, SchemaRegistryClient registry) {
        this.bootstrapServers = Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        this.registry = Objects.requireNonNull(registry, "registry");
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
    }

    /** Every topic (internal ones such as {@code __consumer_offsets} included and flagged), sorted by name. */
    public List<TopicSummary> listTopics() throws ExecutionException, InterruptedException, TimeoutException {
        Collection<TopicListing> names = admin.listTopics(new ListTopicsOptions().listInternal(true)).listings()
                .get(ADMIN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        Map<String, Boolean> internal = new TreeMap<>();
        names.forEach(listing -> internal.put(listing.name(), listing.isInternal()));
        Map<String, TopicDescription> descriptions = admin.describeTopics(internal.keySet()).allTopicNames()
                .get(ADMIN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        descriptions.values().forEach(description -> description.partitions().forEach(p -> {
            TopicPartition partition = new TopicPartition(description.name(), p.partition());
            earliest.put(partition, OffsetSpec.earliest());
            latest.put(partition, OffsetSpec.latest());
        }));
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> starts = admin.listOffsets(earliest).all()
                .get(ADMIN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(latest).all()
                .get(ADMIN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        List<TopicSummary> topics = new ArrayList<>();
        for (Map.Entry<String, Boolean> topic : internal.entrySet()) {
            List<TopicSummary.PartitionRange> ranges = new ArrayList<>();
            for (TopicPartitionInfo p : descriptions.get(topic.getKey()).partitions()) {
                TopicPartition partition = new TopicPartition(topic.getKey(), p.partition());
                ranges.add(new TopicSummary.PartitionRange(p.partition(), starts.get(partition).offset(),
                        ends.get(partition).offset()));
            }
            topics.add(new TopicSummary(topic.getKey(), topic.getValue(), List.copyOf(ranges)));
        }
        return topics;
    }

    /**
     * Up to {@code limit} (at most {@link #MAX_LIMIT}) committed records of a partition from {@code offset} on (an
     * offset before the start of the log reads from the start), fewer when the partition ends first.
     */
    public List<BrowsedRecord> records(String topic, int partition, long offset, int limit) {
        if (limit < 1 || offset < 0) {
            throw new IllegalArgumentException("offset must be >= 0 and limit >= 1");
        }
        int wanted = Math.min(limit, MAX_LIMIT);
        TopicPartition tp = new TopicPartition(topic, partition);
        Map<String, Object> properties = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, wanted);
        List<BrowsedRecord> records = new ArrayList<>(wanted);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(properties, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.assign(List.of(tp));
            long end = consumer.endOffsets(List.of(tp), READ_TIMEOUT).get(tp);
            consumer.seek(tp, offset);
            long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
            while (records.size() < wanted && consumer.position(tp, READ_TIMEOUT) < end
                    && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200)).records(tp)) {
                    if (records.size() < wanted) {
                        records.add(decode(record));
                    }
                }
            }
        }
        return records;
    }

    /**
     * Per partition of the topic, the first offset whose record's timestamp is at or after {@code timestamp}, or
     * the partition's end offset when there is none.
     */
    public Map<Integer, Long> offsetsForTimestamp(String topic, Instant timestamp)
            throws ExecutionException, InterruptedException, TimeoutException {
        TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames()
                .get(ADMIN_TIMEOUT_SECONDS, TimeUnit.SECONDS).get(topic);
        Map<TopicPartition, OffsetSpec> byTime = new HashMap<>();
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        description.partitions().forEach(p -> {
            byTime.put(new TopicPartition(topic, p.partition()), OffsetSpec.forTimestamp(timestamp.toEpochMilli()));
            latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest());
        });
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> found = admin.listOffsets(byTime).all()
                .get(ADMIN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(latest).all()
                .get(ADMIN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        Map<Integer, Long> offsets = new TreeMap<>();
        found.forEach((partition, info) -> offsets.put(partition.partition(),
                info.offset() < 0 ? ends.get(partition).offset() : info.offset()));
        return offsets;
    }

    @Override
    public void close() {
        admin.close();
    }

    BrowsedRecord decode(ConsumerRecord<byte[], byte[]> record) {
        List<BrowsedRecord.Header> headers = new ArrayList<>();
        for (Header header : record.headers()) {
            headers.add(new BrowsedRecord.Header(header.key(), header.value() == null ? null
                    : new String(header.value(), StandardCharsets.UTF_8)));
        }
        String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
        Instant timestamp = Instant.ofEpochMilli(record.timestamp());
        byte[] value = record.value();
        Integer schemaId = null;
        JsonNode json;
        String error = null;
        if (value == null) {
            json = JsonNodeFactory.instance.nullNode();
        } else if (value.length >= WireFormat.HEADER_SIZE && value[0] == WireFormat.MAGIC_BYTE) {
            schemaId = ByteBuffer.wrap(value, 1, 4).getInt();
            try {
                Schema schema = registry.schemaById(schemaId);
                Object datum = new GenericDatumReader<>(schema).read(null, DecoderFactory.get().binaryDecoder(value,
                        WireFormat.HEADER_SIZE, value.length - WireFormat.HEADER_SIZE, null));
                json = AvroJson.toJson(datum, schema);
            } catch (IOException | RuntimeException e) {
                error = "cannot decode with schema " + schemaId + ": " + e.getMessage();
                json = JsonNodeFactory.instance.textNode(Base64.getEncoder().encodeToString(value));
            }
        } else {
            String text = utf8(value);
            if (text == null) {
                error = "not Confluent wire-format Avro nor UTF-8 text; base64";
                json = JsonNodeFactory.instance.textNode(Base64.getEncoder().encodeToString(value));
            } else {
                json = JsonNodeFactory.instance.textNode(text);
            }
        }
        return new BrowsedRecord(record.topic(), record.partition(), record.offset(), timestamp, key,
                List.copyOf(headers), schemaId, json, error);
    }

    private static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
