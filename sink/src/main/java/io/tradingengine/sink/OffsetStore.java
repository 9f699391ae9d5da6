package io.tradingengine.sink;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * The sink's positions in {@code sink_offsets}: the next offset to read per group, topic and partition. They are
 * written in the transaction of the rows they cover ({@link #save}), so a crash leaves rows and positions in
 * agreement, and read when partitions are assigned ({@link #load}). The table, not Kafka's committed offsets, is the
 * truth; the sink commits to Kafka too, but only for lag tools.
 *
 * <p>A save overwrites: positions move back only through {@link #replace} ({@code sink reset}), or when a consumer
 * that lost its partitions writes late (a zombie); the idempotent inserts make a re-read harmless either way.
 */
public final class OffsetStore {

    static final String UPSERT = "INSERT INTO sink_offsets (group_id, topic, kafka_partition, next_offset, updated_at) "
            + "VALUES (?, ?, ?, ?, now()) ON CONFLICT (group_id, topic, kafka_partition) "
            + "DO UPDATE SET next_offset = excluded.next_offset, updated_at = excluded.updated_at";
    static final String SELECT = "SELECT topic, kafka_partition, next_offset FROM sink_offsets WHERE group_id = ?";
    static final String DELETE = "DELETE FROM sink_offsets WHERE group_id = ? AND topic = ?";

    private final String groupId;

    public OffsetStore(String groupId) {
        this.groupId = Objects.requireNonNull(groupId, "groupId");
    }

    public String groupId() {
        return groupId;
    }

    /** Writes the positions in the connection's current transaction (the caller commits). */
    public void save(Connection connection, SinkDialect dialect, Map<TopicPartition, OffsetAndMetadata> offsets)
            throws SQLException {
        if (offsets.isEmpty()) {
            return;
        }
        try (PreparedStatement statement = connection.prepareStatement(dialect.upsertOffset())) {
            for (Map.Entry<TopicPartition, OffsetAndMetadata> entry : offsets.entrySet()) {
                statement.setString(1, groupId);
                statement.setString(2, entry.getKey().topic());
                statement.setInt(3, entry.getKey().partition());
                statement.setLong(4, entry.getValue().offset());
                statement.addBatch();
            }
            statement.executeBatch();
        }
    }

    /** The stored positions of these partitions; partitions without a stored position are absent. */
    public Map<TopicPartition, Long> load(Connection connection, SinkDialect dialect,
                                          Collection<TopicPartition> partitions) throws SQLException {
        Set<TopicPartition> wanted = Set.copyOf(partitions);
        Map<TopicPartition, Long> found = new HashMap<>();
        for (Map.Entry<TopicPartition, Long> entry : loadAll(connection, dialect).entrySet()) {
            if (wanted.contains(entry.getKey())) {
                found.put(entry.getKey(), entry.getValue());
            }
        }
        return found;
    }

    /** Every stored position of this group. */
    public Map<TopicPartition, Long> loadAll(Connection connection, SinkDialect dialect) throws SQLException {
        Map<TopicPartition, Long> found = new HashMap<>();
        try (PreparedStatement statement = connection.prepareStatement(dialect.selectOffsets())) {
            statement.setString(1, groupId);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    found.put(new TopicPartition(rs.getString(1), rs.getInt(2)), rs.getLong(3));
                }
            }
        }
        return found;
    }

    /**
     * Replaces the group's positions in the topics of {@code offsets} by exactly these, in one transaction (for
     * {@code sink reset}: the group must not be running).
     */
    public void replace(DataSource dataSource, Map<TopicPartition, Long> offsets) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            SinkDialect dialect = SinkDialects.detect(connection);
            connection.setAutoCommit(false);
            try {
                try (PreparedStatement delete = connection.prepareStatement(dialect.deleteOffsets())) {
                    for (String topic : offsets.keySet().stream().map(TopicPartition::topic).distinct().toList()) {
                        delete.setString(1, groupId);
                        delete.setString(2, topic);
                        delete.addBatch();
                    }
                    delete.executeBatch();
                }
                Map<TopicPartition, OffsetAndMetadata> positions = new HashMap<>();
                offsets.forEach((partition, offset) -> positions.put(partition, new OffsetAndMetadata(offset)));
                save(connection, dialect, positions);
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
    }

    /** Every stored position of this group, on a connection of its own. */
    public Map<TopicPartition, Long> loadAll(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return loadAll(connection, SinkDialects.detect(connection));
        }
    }
}
