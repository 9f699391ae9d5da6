-- The sink's trades table (sink module, V1 migration), as GET /trades reads it.
CREATE TABLE trades (
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
CREATE INDEX trades_assessment_executed_idx ON trades (assessment_id, executed_at DESC, trade_id DESC);
