package io.tradingengine.embedded;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Creates the topics an application needs when they are missing, and waits until they can be used. */
public final class KafkaTopics {

    /** How long {@link #ensure(String, Collection)} waits for creation and for every partition to have a leader. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    private static final Logger LOG = LoggerFactory.getLogger(KafkaTopics.class);
    private static final long POLL_INTERVAL_MS = 100;

    private KafkaTopics() {
    }

    /** {@link #ensure(String, Collection, Duration)} with {@link #DEFAULT_TIMEOUT}. */
    public static void ensure(String bootstrapServers, Collection<NewTopic> topics) {
        ensure(bootstrapServers, topics, DEFAULT_TIMEOUT);
    }

    /**
     * Creates each topic that does not exist yet (an existing topic is left as it is, whatever its settings) and
     * returns once every topic is visible with a leader for each partition.
     *
     * @throws IllegalStateException when the topics cannot be created or are not ready within {@code timeout}
     */
    public static void ensure(String bootstrapServers, Collection<NewTopic> topics, Duration timeout) {
        if (topics.isEmpty()) {
            return;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) Math.max(1, timeout.toMillis()));
        try (Admin admin = Admin.create(props)) {
            create(admin, topics, deadline);
            awaitLeaders(admin, topics.stream().map(NewTopic::name).collect(Collectors.toSet()), deadline);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        }
    }

    private static void create(Admin admin, Collection<NewTopic> topics, long deadline) throws InterruptedException {
        Map<String, KafkaFuture<Void>> results = admin.createTopics(topics).values();
        for (Map.Entry<String, KafkaFuture<Void>> result : results.entrySet()) {
            try {
                result.getValue().get(remainingMillis(deadline), TimeUnit.MILLISECONDS);
                LOG.info("Created topic {}", result.getKey());
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new IllegalStateException("cannot create topic " + result.getKey(), e.getCause());
                }
            } catch (TimeoutException e) {
                throw new IllegalStateException("topic " + result.getKey() + " was not created in time", e);
            }
        }
    }

    private static void awaitLeaders(Admin admin, Set<String> names, long deadline) throws InterruptedException {
        Map<String, String> notReady = new HashMap<>();
        while (true) {
            notReady.clear();
            Map<String, KafkaFuture<TopicDescription>> descriptions = admin.describeTopics(names).topicNameValues();
            for (Map.Entry<String, KafkaFuture<TopicDescription>> entry : descriptions.entrySet()) {
                String why = readiness(entry.getValue(), deadline);
                if (why != null) {
                    notReady.put(entry.getKey(), why);
                }
            }
            if (notReady.isEmpty()) {
                return;
            }
            if (remainingMillis(deadline) <= POLL_INTERVAL_MS) {
                throw new IllegalStateException("topics not ready in time: " + notReady);
            }
            // Metadata propagates from the controller to the broker asynchronously; poll at a short, bounded pace.
            TimeUnit.MILLISECONDS.sleep(POLL_INTERVAL_MS);
        }
    }

    /** Null when the topic is usable, else a short reason. */
    private static String readiness(KafkaFuture<TopicDescription> future, long deadline) throws InterruptedException {
        try {
            TopicDescription description = future.get(remainingMillis(deadline), TimeUnit.MILLISECONDS);
            List<Integer> leaderless = description.partitions().stream()
                    .filter(partition -> partition.leader() == null || partition.leader().isEmpty())
                    .map(TopicPartitionInfo::partition)
                    .collect(Collectors.toList());
            return leaderless.isEmpty() ? null : "no leader for partitions " + leaderless;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return "not visible yet";
            }
            throw new IllegalStateException("cannot describe topic", e.getCause());
        } catch (TimeoutException e) {
            return "describe timed out";
        }
    }

    private static long remainingMillis(long deadline) {
        return Math.max(0, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
    }
}
