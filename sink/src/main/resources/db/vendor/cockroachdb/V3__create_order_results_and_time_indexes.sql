-- CockroachDB: no time partitions (it splits and moves ranges by itself, and its PARTITION BY is for placing rows
-- in regions, not for time). The primary keys stay the ids, so inserts are idempotent with ON CONFLICT on the id
-- alone. A plain index on a timestamp would send every new row to the last range of the index (a hot spot), so the
-- time indexes are hash-sharded: the index is prefixed with a hidden bucket column, spreading writes over 16 ranges,
-- and a time-range scan reads the 16 buckets in parallel. docs/sink-and-replay.md reviews this script.
-- Not executed by the tests (no CockroachDB on the build machine); parsed and reviewed, see
-- CockroachMigrationsTest.

CREATE INDEX IF NOT EXISTS trades_executed_at_idx ON trades (executed_at DESC) USING HASH WITH (bucket_count = 16);

-- One row per order id: the order's one result (DESIGN.md). The REST layer's order history reads these columns.
CREATE TABLE IF NOT EXISTS order_results (
    order_id        STRING         PRIMARY KEY,
    assessment_id   STRING         NOT NULL,
    user_id         STRING         NULL,
    market          STRING         NULL,
    side            STRING         NULL,
    quantity        DECIMAL(38,18) NULL,
    status          STRING         NOT NULL,
    reason          STRING         NULL,
    detail          STRING         NULL,
    trade_id        STRING         NULL,
    fill_price      DECIMAL(38,18) NULL,
    fee             DECIMAL(38,18) NULL,
    processed_at    TIMESTAMPTZ    NOT NULL,
    kafka_partition INT4           NULL,
    kafka_offset    INT8           NULL,
    inserted_at     TIMESTAMPTZ    NOT NULL DEFAULT now()
);

CREATE INDEX IF NOT EXISTS order_results_assessment_processed_idx
    ON order_results (assessment_id, processed_at DESC, order_id DESC);

CREATE INDEX IF NOT EXISTS order_results_processed_at_idx
    ON order_results (processed_at DESC) USING HASH WITH (bucket_count = 16);
