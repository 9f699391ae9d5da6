package io.tradingengine.sink;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PostgresDialectTest {

    @Test
    void shouldInsertEveryBoundColumnAndIgnoreAKnownTradeId() {
        String sql = new PostgresDialect().insertTrade();

        assertThat(sql).startsWith("INSERT INTO trades (trade_id, order_id, assessment_id, user_id, market, "
                + "asset_class, side, quantity, price, fee, realized_pnl, kind, executed_at, kafka_partition, "
                + "kafka_offset) VALUES (?");
        assertThat(sql.chars().filter(c -> c == '?').count()).isEqualTo(SinkDialect.TRADE_COLUMNS.size());
        assertThat(sql).endsWith("ON CONFLICT (trade_id) DO NOTHING");
    }
}
