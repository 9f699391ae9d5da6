-- The sink's order_results table as GET /orders and GET /orders/{id} read it. The sink module owns the real
-- migration; these are the columns agreed with it, plus the index the keyset query wants.
CREATE TABLE order_results (
    order_id        TEXT           PRIMARY KEY,
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
    processed_at    TIMESTAMPTZ    NOT NULL
);
CREATE INDEX order_results_assessment_processed_idx
    ON order_results (assessment_id, processed_at DESC, order_id DESC);
