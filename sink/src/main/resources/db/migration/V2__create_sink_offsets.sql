-- Where the sink is in each topic partition, per consumer group: written in the same transaction as the rows of a
-- batch, and read back when a partition is assigned, so the rows and the position never disagree (issue 7).
-- next_offset is the next offset to read, as Kafka's committed offsets count. SQL both databases accept.
CREATE TABLE IF NOT EXISTS sink_offsets (
    group_id        TEXT        NOT NULL,
    topic           TEXT        NOT NULL,
    kafka_partition INT         NOT NULL,
    next_offset     BIGINT      NOT NULL,
    updated_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (group_id, topic, kafka_partition)
);
