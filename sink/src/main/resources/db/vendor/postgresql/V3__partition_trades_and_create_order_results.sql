-- PostgreSQL: trades and order_results as declarative range partitions by month (UTC), and the key tables that
-- keep the inserts idempotent. docs/sink-and-replay.md explains the design.
--
-- A partitioned table's primary key must contain the partition key, so trades' key is (trade_id, executed_at) and
-- cannot by itself stop a second row with the same trade id: executed_at is the engine's wall clock when the trade
-- was made, so a reprocessed order yields the same trade id at another executed_at. Uniqueness of the id lives in
-- the unpartitioned trade_keys (order_result_keys): the sink claims ids there (INSERT ... ON CONFLICT DO NOTHING
-- RETURNING) and writes only the rows whose id it claimed, in the same transaction.

-- Creates the month partition of parent that holds the instant at (idempotent; months in UTC whatever the session
-- time zone). The sink calls it ahead of time and for any month a row needs.
CREATE OR REPLACE FUNCTION sink_ensure_month_partition(parent TEXT, at TIMESTAMPTZ) RETURNS TEXT
LANGUAGE plpgsql AS $$
DECLARE
    month_start TIMESTAMP := date_trunc('month', at AT TIME ZONE 'UTC');
    month_end   TIMESTAMP := date_trunc('month', at AT TIME ZONE 'UTC') + INTERVAL '1 month';
    part_name   TEXT := parent || '_p' || to_char(month_start, 'YYYYMM');
BEGIN
    BEGIN
        EXECUTE format('CREATE TABLE IF NOT EXISTS %I PARTITION OF %I FOR VALUES FROM (%L) TO (%L)',
                       part_name, parent,
                       to_char(month_start, 'YYYY-MM-DD HH24:MI:SS') || '+00',
                       to_char(month_end, 'YYYY-MM-DD HH24:MI:SS') || '+00');
    EXCEPTION WHEN duplicate_table OR unique_violation THEN
        -- Another sink created it at the same moment.
        NULL;
    END;
    RETURN part_name;
END
$$;

ALTER TABLE trades RENAME TO trades_v1;
ALTER TABLE trades_v1 RENAME CONSTRAINT trades_pkey TO trades_v1_pkey;
ALTER INDEX trades_assessment_executed_idx RENAME TO trades_v1_assessment_executed_idx;

-- Same columns as V1 (the REST layer reads them by name).
CREATE TABLE trades (
    trade_id        TEXT           NOT NULL,
    order_id        TEXT           NULL,
    assessment_id   TEXT           NOT NULL,
    user_id         TEXT           NOT NULL,
    market          TEXT           NOT NULL,
    asset_class     TEXT           NOT NULL,
    side            TEXT           NOT NULL,
    quantity        NUMERIC(38,18) NOT NULL,
    price           NUMERIC(38,18) NOT NULL,
    fee             NUMERIC(38,18) NOT NULL,
    realized_pnl    NUMERIC(38,18) NOT NULL,
    kind            TEXT           NOT NULL,
    executed_at     TIMESTAMPTZ    NOT NULL,
    kafka_partition INT            NULL,
    kafka_offset    BIGINT         NULL,
    inserted_at     TIMESTAMPTZ    NOT NULL DEFAULT now(),
    PRIMARY KEY (trade_id, executed_at)
) PARTITION BY RANGE (executed_at);

-- Trade history: newest first per assessment, the trade id breaking ties for a stable cursor (one index per month).
CREATE INDEX trades_assessment_executed_idx ON trades (assessment_id, executed_at DESC, trade_id DESC);

CREATE TABLE trade_keys (
    trade_id    TEXT        PRIMARY KEY,
    executed_at TIMESTAMPTZ NOT NULL
);

SELECT sink_ensure_month_partition('trades', month)
FROM (SELECT DISTINCT date_trunc('month', executed_at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' AS month
      FROM trades_v1) AS existing;

INSERT INTO trades (trade_id, order_id, assessment_id, user_id, market, asset_class, side, quantity, price, fee,
                    realized_pnl, kind, executed_at, kafka_partition, kafka_offset, inserted_at)
SELECT trade_id, order_id, assessment_id, user_id, market, asset_class, side, quantity, price, fee,
       realized_pnl, kind, executed_at, kafka_partition, kafka_offset, inserted_at
FROM trades_v1;

INSERT INTO trade_keys (trade_id, executed_at) SELECT trade_id, executed_at FROM trades_v1;

DROP TABLE trades_v1;

-- One row per order id: the order's one result (DESIGN.md). The REST layer's order history reads these columns.
CREATE TABLE order_results (
    order_id        TEXT           NOT NULL,
    assessment_id   TEXT           NOT NULL,
    user_id         TEXT           NULL,
    market          TEXT           NULL,
    side            TEXT           NULL,
    quantity        NUMERIC(38,18) NULL,
    status          TEXT           NOT NULL,
    reason          TEXT           NULL,
    detail          TEXT           NULL,
    trade_id        TEXT           NULL,
    fill_price      NUMERIC(38,18) NULL,
    fee             NUMERIC(38,18) NULL,
    processed_at    TIMESTAMPTZ    NOT NULL,
    kafka_partition INT            NULL,
    kafka_offset    BIGINT         NULL,
    inserted_at     TIMESTAMPTZ    NOT NULL DEFAULT now(),
    PRIMARY KEY (order_id, processed_at)
) PARTITION BY RANGE (processed_at);

CREATE INDEX order_results_assessment_processed_idx
    ON order_results (assessment_id, processed_at DESC, order_id DESC);

CREATE TABLE order_result_keys (
    order_id     TEXT        PRIMARY KEY,
    processed_at TIMESTAMPTZ NOT NULL
);

-- The months around now, so the first rows find their partition; the sink keeps creating months ahead.
SELECT sink_ensure_month_partition(parent, (now() AT TIME ZONE 'UTC' + make_interval(months => n)) AT TIME ZONE 'UTC')
FROM (VALUES ('trades'), ('order_results')) AS parents(parent), generate_series(-1, 3) AS n;
