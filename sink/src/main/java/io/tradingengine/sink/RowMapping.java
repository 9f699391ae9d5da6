package io.tradingengine.sink;

import io.tradingengine.avro.OrderResult;
import io.tradingengine.avro.Trade;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.apache.kafka.common.TopicPartition;

/**
 * How one kind of row maps onto its {@link SinkTable}: its id, its time (the partition key), its parameters in the
 * order of {@link SinkTable#columns()}, and the same values as a CSV line for {@code COPY}.
 *
 * @param <R> the row type
 */
abstract class RowMapping<R> {

    static final RowMapping<TradeRow> TRADES = new RowMapping<>(SinkTable.TRADES) {
        @Override
        String id(TradeRow row) {
            return row.trade().getTradeId();
        }

        @Override
        Instant time(TradeRow row) {
            return row.trade().getExecutedAt();
        }

        @Override
        TopicPartition source(TradeRow row) {
            return row.source();
        }

        @Override
        Object[] values(TradeRow row) {
            Trade trade = row.trade();
            return new Object[] {trade.getTradeId(), trade.getOrderId(), trade.getAssessmentId(), trade.getUserId(),
                trade.getMarket(), trade.getAssetClass().name(), trade.getSide().name(), trade.getQuantity(),
                trade.getPrice(), trade.getFee(), trade.getRealizedPnl(), trade.getKind().name(),
                trade.getExecutedAt(), row.source().partition(), row.offset()};
        }
    };

    static final RowMapping<OrderResultRow> ORDER_RESULTS = new RowMapping<>(SinkTable.ORDER_RESULTS) {
        @Override
        String id(OrderResultRow row) {
            return row.result().getOrderId();
        }

        @Override
        Instant time(OrderResultRow row) {
            return row.result().getProcessedAt();
        }

        @Override
        TopicPartition source(OrderResultRow row) {
            return row.source();
        }

        @Override
        Object[] values(OrderResultRow row) {
            OrderResult result = row.result();
            return new Object[] {result.getOrderId(), result.getAssessmentId(), result.getUserId(), result.getMarket(),
                result.getSide() == null ? null : result.getSide().name(), result.getQuantity(),
                result.getStatus().name(), result.getReason(), result.getDetail(), result.getTradeId(),
                result.getFillPrice(), result.getFee(), result.getProcessedAt(), row.source().partition(),
                row.offset()};
        }
    };

    private final SinkTable table;

    private RowMapping(SinkTable table) {
        this.table = table;
    }

    SinkTable table() {
        return table;
    }

    abstract String id(R row);

    abstract Instant time(R row);

    abstract TopicPartition source(R row);

    /** The column values in the order of {@link SinkTable#columns()}: String, BigDecimal, Instant, Integer, Long. */
    abstract Object[] values(R row);

    void bind(PreparedStatement statement, R row) throws SQLException {
        Object[] values = values(row);
        for (int i = 0; i < values.length; i++) {
            int index = i + 1;
            Object value = values[i];
            if (value == null) {
                // Every nullable column is text or numeric; the server casts an untyped NULL to either.
                statement.setNull(index, Types.NULL);
            } else if (value instanceof String text) {
                statement.setString(index, text);
            } else if (value instanceof BigDecimal decimal) {
                statement.setBigDecimal(index, decimal);
            } else if (value instanceof Instant instant) {
                statement.setObject(index, OffsetDateTime.ofInstant(instant, ZoneOffset.UTC));
            } else if (value instanceof Integer number) {
                statement.setInt(index, number);
            } else if (value instanceof Long number) {
                statement.setLong(index, number);
            } else {
                throw new IllegalStateException("No binding for " + value.getClass());
            }
        }
    }

    /** Appends the row as one line of PostgreSQL's CSV format (unquoted empty = NULL). */
    void appendCsv(StringBuilder out, R row) {
        Object[] values = values(row);
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                out.append(',');
            }
            Object value = values[i];
            if (value == null) {
                continue;
            }
            if (value instanceof String text) {
                out.append('"').append(text.replace("\"", "\"\"")).append('"');
            } else if (value instanceof BigDecimal decimal) {
                out.append(decimal.toPlainString());
            } else {
                // Instant.toString() is ISO-8601 in UTC, which PostgreSQL reads as timestamptz.
                out.append(value);
            }
        }
        out.append('\n');
    }
}
