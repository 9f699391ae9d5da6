package io.tradingengine.sink;

import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Re-sinks from a point in time ({@code ./trading-engine sink reset --to-timestamp <time>}): the sink group's stored
 * positions in {@code sink_offsets} (and, for lag tools, its Kafka committed offsets) are set to the first record at
 * or after the time in every partition of the sink's topics. The next sink to start reads from there; rows that are
 * already in the tables are left as they are (the inserts are idempotent), missing ones are written again. Refused
 * while the group has active members: a running sink would overwrite the positions with its own.
 */
public final class SinkReset {

    private static final Logger LOG = LoggerFactory.getLogger(SinkReset.class);
    private static final long TIMEOUT_SECONDS = 60;

    private SinkReset() {
    }

    /**
     * Sets the group's positions in {@code topics} to the offsets of {@code at}; partitions without a record at or
     * after it go to their end. Returns the positions written.
     *
     * @throws IllegalStateException when the group has active members
     */
    public static Map<TopicPartition, Long> toTimestamp(Admin admin, DataSource database, String groupId,
                                                        Collection<String> topics, Instant at)
            throws SQLException, ExecutionException, InterruptedException, TimeoutException {
        requireInactive(admin, groupId);
        Map<TopicPartition, Long> positions = offsetsForTimestamp(admin, topics, at);
        new OffsetStore(groupId).replace(database, positions);
        Map<TopicPartition, OffsetAndMetadata> kafkaOffsets = new HashMap<>();
        positions.forEach((partition, offset) -> kafkaOffsets.put(partition, new OffsetAndMetadata(offset)));
        try {
            admin.alterConsumerGroupOffsets(groupId, kafkaOffsets).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            // The database holds the positions the sink reads; Kafka's copy only feeds lag tools.
            LOG.warn("Could not set the Kafka offsets of group {} (the database positions are set): {}", groupId,
                    e.getCause().toString());
        }
        return positions;
    }

    /** The first offset at or after {@code at} in every partition of {@code topics}, else the partition's end. */
    public static Map<TopicPartition, Long> offsetsForTimestamp(Admin admin, Collection<String> topics, Instant at)
            throws ExecutionException, InterruptedException, TimeoutException {
        Map<String, TopicDescription> descriptions = admin.describeTopics(topics).allTopicNames()
                .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        Map<TopicPartition, OffsetSpec> byTime = new HashMap<>();
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (TopicDescription description : descriptions.values()) {
            description.partitions().forEach(p -> {
                TopicPartition partition = new TopicPartition(description.name(), p.partition());
                byTime.put(partition, OffsetSpec.forTimestamp(at.toEpochMilli()));
                latest.put(partition, OffsetSpec.latest());
            });
        }
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> found = admin.listOffsets(byTime).all()
                .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(latest).all()
                .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        Map<TopicPartition, Long> offsets = new HashMap<>();
        for (TopicPartition partition : byTime.keySet()) {
            long offset = found.get(partition).offset();
            offsets.put(partition, offset < 0 ? ends.get(partition).offset() : offset);
        }
        return offsets;
    }

    /** @throws IllegalStateException naming the members when the group has any */
    public static void requireInactive(Admin admin, String groupId)
            throws ExecutionException, InterruptedException, TimeoutException {
        try {
            ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(groupId)).all()
                    .get(TIMEOUT_SECONDS, TimeUnit.SECONDS).get(groupId);
            if (group != null && !group.members().isEmpty()) {
                throw new IllegalStateException("consumer group " + groupId + " has " + group.members().size()
                        + " active member(s) (" + group.members().iterator().next().clientId()
                        + "...); stop them first");
            }
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof GroupIdNotFoundException)) {
                throw e;
            }
        }
    }
}
