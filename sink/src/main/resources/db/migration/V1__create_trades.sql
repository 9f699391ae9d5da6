-- Trades written by the sink, one row per trade id (DESIGN.md, Kafka contract of `trades`).
-- SQL kept to what PostgreSQL and CockroachDB both accept. The REST layer's GET /trades reads this table:
-- keep the column names.
CREATE TABLE IF NOT EXISTS trades (
    trade_id        TEXT           PRIMARY KEY,
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
    inserted_at     TIMESTAMPTZ    NOT NULL DEFAULT now()
);

-- Trade history: newest first per assessment, the trade id breaking ties for a stable cursor.
CREATE INDEX IF NOT EXISTS trades_assessment_executed_idx
    ON trades (assessment_id, executed_at DESC, trade_id DESC);
