package io.tradingengine.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKafkaIT {

    private static final String TOPIC = "it-embedded-orders";
    private static final String GROUP = "it-embedded-group";
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    @Test
    void shouldServeCommittedTransactionsAndKeepThemAcrossARestart() throws Exception {
        Path logDir = dir.resolve("kafka");
        String clusterId;
        int port;
        try (EmbeddedKafka kafka = EmbeddedKafka.start(logDir, 0)) {
            assertThat(kafka.bootstrapServers()).isEqualTo("127.0.0.1:" + kafka.port());
            assertThat(logDir.resolve("meta.properties")).content().contains("cluster.id=" + kafka.clusterId());
            List<NewTopic> topics = List.of(new NewTopic(TOPIC, 2, (short) 1));
            KafkaTopics.ensure(kafka.bootstrapServers(), topics);
            KafkaTopics.ensure(kafka.bootstrapServers(), topics);

            try (KafkaProducer<String, String> producer = transactionalProducer(kafka, "it-tx-1")) {
                producer.initTransactions();
                inTransaction(producer, "k1", "v1", true);
                inTransaction(producer, "k2", "aborted", false);
                producer.beginTransaction();
                producer.send(new ProducerRecord<>(TOPIC, 0, "k3", "v3"));
                // As an exactly_once_v2 Streams task does: consumer offsets committed inside the transaction.
                producer.sendOffsetsToTransaction(Map.of(new TopicPartition(TOPIC, 0), new OffsetAndMetadata(42)),
                        new ConsumerGroupMetadata(GROUP));
                producer.commitTransaction();
            }

            assertThat(readCommitted(kafka)).containsExactlyInAnyOrder("k1=v1", "k3=v3");
            clusterId = kafka.clusterId();
            port = kafka.port();
        }

        try (EmbeddedKafka kafka = EmbeddedKafka.start(logDir, port)) {
            assertThat(kafka.clusterId()).isEqualTo(clusterId);
            assertThat(kafka.port()).isEqualTo(port);
            assertThat(readCommitted(kafka)).containsExactlyInAnyOrder("k1=v1", "k3=v3");
            assertThat(committedOffset(kafka)).isEqualTo(42L);

            try (KafkaProducer<String, String> producer = transactionalProducer(kafka, "it-tx-1")) {
                producer.initTransactions();
                inTransaction(producer, "k4", "v4", true);
            }
            assertThat(readCommitted(kafka)).containsExactlyInAnyOrder("k1=v1", "k3=v3", "k4=v4");
        }
        try (Stream<Path> files = Files.list(logDir)) {
            assertThat(files.map(file -> file.getFileName().toString()))
                    .contains("meta.properties", TOPIC + "-0", TOPIC + "-1");
        }
    }

    @Test
    void shouldRecoverAndStayTransactionalAfterAnUncleanStop() throws Exception {
        Path logDir = dir.resolve("kafka-unclean");
        try (EmbeddedKafka kafka = EmbeddedKafka.start(logDir, 0)) {
            KafkaTopics.ensure(kafka.bootstrapServers(), List.of(new NewTopic(TOPIC, 2, (short) 1)));
            try (KafkaProducer<String, String> producer = transactionalProducer(kafka, "it-tx-2")) {
                producer.initTransactions();
                inTransaction(producer, "k1", "v1", true);
            }
        }
        // What a killed JVM leaves: no clean-shutdown marker, so the next start unregisters the stale broker first.
        Files.delete(logDir.resolve(".kafka_cleanshutdown"));

        try (EmbeddedKafka kafka = EmbeddedKafka.start(logDir, 0)) {
            assertThat(readCommitted(kafka)).containsExactly("k1=v1");
            try (KafkaProducer<String, String> producer = transactionalProducer(kafka, "it-tx-2")) {
                producer.initTransactions();
                inTransaction(producer, "k2", "v2", true);
            }
            assertThat(readCommitted(kafka)).containsExactlyInAnyOrder("k1=v1", "k2=v2");
        }
    }

    private static void inTransaction(KafkaProducer<String, String> producer, String key, String value,
                                      boolean commit) throws Exception {
        producer.beginTransaction();
        producer.send(new ProducerRecord<>(TOPIC, key, value)).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        if (commit) {
            producer.commitTransaction();
        } else {
            producer.abortTransaction();
        }
    }

    private static KafkaProducer<String, String> transactionalProducer(EmbeddedKafka kafka, String transactionalId) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) WAIT.toMillis());
        return new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    }

    /** Every committed record of the topic, read up to the last stable offset of each partition. */
    private static List<String> readCommitted(EmbeddedKafka kafka) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        List<String> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer =
                     new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            Set<TopicPartition> partitions = Set.of(new TopicPartition(TOPIC, 0), new TopicPartition(TOPIC, 1));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, WAIT);
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp, WAIT) < end.get(tp))) {
                assertThat(System.nanoTime()).as("read to the end in time").isLessThan(deadline);
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    records.add(record.key() + "=" + record.value());
                }
            }
        }
        return records;
    }

    private static long committedOffset(EmbeddedKafka kafka) throws Exception {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        try (Admin admin = Admin.create(props)) {
            OffsetAndMetadata offset = admin.listConsumerGroupOffsets(GROUP).partitionsToOffsetAndMetadata()
                    .get(WAIT.toMillis(), TimeUnit.MILLISECONDS).get(new TopicPartition(TOPIC, 0));
            return offset.offset();
        }
    }
}
