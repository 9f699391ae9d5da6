package io.tradingengine.topology;

import io.tradingengine.avro.Market;
import io.tradingengine.avro.Order;
import io.tradingengine.avro.OrderResult;
import io.tradingengine.avro.OrderStatus;
import io.tradingengine.avro.Position;
import io.tradingengine.avro.Trade;
import io.tradingengine.avro.TradeKind;
import io.tradingengine.domain.Account;
import io.tradingengine.domain.Fill;
import io.tradingengine.domain.MarketInfo;
import io.tradingengine.domain.MarketPosition;
import io.tradingengine.domain.OrderDesk;
import io.tradingengine.domain.OrderEngine;
import io.tradingengine.domain.OrderOutcome;
import io.tradingengine.domain.OrderRequest;
import io.tradingengine.domain.Quote;
import io.tradingengine.domain.RejectCode;
import io.tradingengine.domain.Rejection;
import io.tradingengine.schemas.Decimals;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The thin adapter around {@link OrderDesk}: reads the stores, asks the domain, writes the stores and emits exactly
 * one {@link OrderResult} per order, plus the {@link Trade} and {@link Position} of a fill and everything an
 * assessment's end produces (event, liquidations); the holders index follows the positions. Stores are
 * written before anything is emitted, so a reader that sees the result also sees the new position and balance.
 * Headers (the correlation id) travel with every emitted record, because each is derived from the input record.
 *
 * <p>An order that fails validation is answered with INVALID_ORDER like any rejection, and a copy goes to
 * {@code orders-dlq} with the error in headers. A wall-clock punctuation every {@link #EXPIRY_INTERVAL} forgets
 * order ids older than the retention ({@link OrderIdRetention}).
 */
final class OrderProcessor implements Processor<String, EnrichedOrder, String, EngineOutput> {

    static final Duration EXPIRY_INTERVAL = Duration.ofMinutes(1);
    /** Order ids forgotten per punctuation at most, so one punctuation never holds the thread for long. */
    static final int EXPIRY_BATCH = 10_000;

    private final OrderEngine engine;
    private final OrderDesk desk;
    private final Duration retention;
    private ProcessorContext<String, EngineOutput> context;
    private AccountLedger ledger;
    private OrderIdRetention orderIds;
    private KeyValueStore<String, Market> marketEnds;

    OrderProcessor(OrderEngine engine, Duration retention) {
        this.engine = engine;
        this.desk = new OrderDesk(engine);
        this.retention = retention;
    }

    @Override
    public void init(ProcessorContext<String, EngineOutput> context) {
        this.context = context;
        this.ledger = new AccountLedger(context);
        this.marketEnds = context.getStateStore(StoreNames.MARKET_ENDS);
        this.orderIds = new OrderIdRetention(context.getStateStore(StoreNames.ORDER_RESULTS),
                context.getStateStore(StoreNames.ORDER_EXPIRY));
        context.schedule(EXPIRY_INTERVAL, PunctuationType.WALL_CLOCK_TIME,
                now -> orderIds.expire(Instant.ofEpochMilli(now).minus(retention), EXPIRY_BATCH));
    }

    @Override
    public void process(Record<String, EnrichedOrder> record) {
        Order order = record.value().order();
        OrderRequest request = AvroMapping.order(order);
        Instant now = Instant.ofEpochMilli(context.currentSystemTimeMs());

        Optional<Rejection> invalid = engine.validate(request).or(() -> keyMismatch(record.key(), order));
        if (invalid.isPresent()) {
            OrderResult result = rejected(order, invalid.get(), now);
            if (!isBlank(order.getOrderId()) && orderIds.first(order.getOrderId()) == null) {
                orderIds.remember(order.getOrderId(), result, now);
            }
            context.forward(record.withKey(resultKey(record.key(), order)).withValue(EngineOutput.of(result)));
            deadLetter(record, order, invalid.get().detail());
            return;
        }
        OrderResult first = orderIds.first(order.getOrderId());
        if (first != null) {
            // A retry or a replayed duplicate: the first answer again, never a second fill.
            context.forward(record.withKey(order.getAssessmentId()).withValue(EngineOutput.of(first)));
            return;
        }
        for (KeyValue<String, EngineOutput> output : decide(record, order, request, now)) {
            context.forward(record.withKey(output.key).withValue(output.value));
        }
    }

    private List<KeyValue<String, EngineOutput>> decide(Record<String, EnrichedOrder> record, Order order,
                                                       OrderRequest request, Instant now) {
        String assessmentId = order.getAssessmentId();
        MarketInfo market = AvroMapping.market(marketOf(record.value().market(), order.getMarket()));
        Account account = ledger.account(assessmentId);
        // One quote per order: its prices come off the wire into canonical form once, for the mark and the fill.
        Quote quote = AvroMapping.quote(record.value().price());
        BigDecimal mark = quote == null ? null : quote.mark();
        List<MarketPosition> positions = market == null || account == null
                ? List.of()
                : ledger.positions(assessmentId, order.getMarket(), mark);

        OrderOutcome outcome = desk.place(request, market, quote, account, positions, now);
        List<KeyValue<String, EngineOutput>> outputs = new ArrayList<>();
        if (outcome.decision() instanceof Rejection rejection) {
            OrderResult result = rejected(order, rejection, now);
            orderIds.remember(order.getOrderId(), result, now);
            outputs.add(KeyValue.pair(assessmentId, EngineOutput.of(result)));
            if (outcome.endsAssessment()) {
                outputs.addAll(ledger.record(outcome.evaluation(), now));
            }
            return outputs;
        }
        Fill fill = (Fill) outcome.decision();
        Position after = ledger.savePosition(assessmentId, order.getMarket(), fill.assetClass(), fill.position(),
                fill.markPrice(), now);
        OrderResult result = filled(order, fill, now);
        orderIds.remember(order.getOrderId(), result, now);
        outputs.add(KeyValue.pair(assessmentId, EngineOutput.of(result)));
        outputs.add(KeyValue.pair(assessmentId, EngineOutput.of(trade(order, fill, now))));
        outputs.add(KeyValue.pair(StoreNames.positionKey(assessmentId, order.getMarket()), EngineOutput.of(after)));
        // Saves the account after the fill, or after the verdict and its liquidations.
        outputs.addAll(ledger.record(outcome.evaluation(), now));
        return outputs;
    }

    /**
     * The market as this task knows it: the end it has settled, until the market desk reopens the market (also
     * broadcast); else the global store's record. The global store lags the market desk a little, and the fan-out
     * of an end may arrive first: an order after the settlement must not open a position nobody will settle.
     */
    private Market marketOf(Market joined, String marketId) {
        Market ended = marketEnds.get(marketId);
        return ended != null ? ended : joined;
    }

    private void deadLetter(Record<String, EnrichedOrder> record, Order order, String error) {
        RecordMetadata source = context.recordMetadata().orElse(null);
        context.forward(record.withValue(EngineOutput.deadLetter(order)).withHeaders(DeadLetters.headers(
                record.headers(), DeadLetters.VALIDATION_FAILURE, error, null,
                source == null ? null : source.topic(), source == null ? -1 : source.partition(),
                source == null ? -1 : source.offset())));
    }

    private static Optional<Rejection> keyMismatch(String key, Order order) {
        if (order.getAssessmentId().equals(key)) {
            return Optional.empty();
        }
        // Orders are partitioned by assessment id; another key means the order sits next to the wrong stores.
        return Optional.of(new Rejection(RejectCode.INVALID_ORDER,
                "record key " + key + " does not match assessmentId " + order.getAssessmentId()));
    }

    private static String resultKey(String key, Order order) {
        return isBlank(order.getAssessmentId()) ? key : order.getAssessmentId();
    }

    private static OrderResult rejected(Order order, Rejection rejection, Instant now) {
        return base(order, now)
                .setStatus(OrderStatus.REJECTED)
                .setReason(rejection.code().name())
                .setDetail(rejection.detail())
                .build();
    }

    private static OrderResult filled(Order order, Fill fill, Instant now) {
        return base(order, now)
                .setStatus(OrderStatus.FILLED)
                .setTradeId(fill.tradeId())
                .setFillPrice(Decimals.wire(fill.price()))
                .setFee(Decimals.wire(fill.fee()))
                .build();
    }

    private static OrderResult.Builder base(Order order, Instant now) {
        return OrderResult.newBuilder()
                .setOrderId(order.getOrderId())
                .setAssessmentId(order.getAssessmentId())
                .setProcessedAt(now)
                .setUserId(order.getUserId())
                .setMarket(order.getMarket())
                .setSide(order.getSide())
                .setQuantity(Decimals.wire(order.getQuantity()));
    }

    private static Trade trade(Order order, Fill fill, Instant now) {
        return Trade.newBuilder()
                .setTradeId(fill.tradeId())
                .setOrderId(order.getOrderId())
                .setAssessmentId(order.getAssessmentId())
                .setUserId(order.getUserId())
                .setMarket(order.getMarket())
                .setAssetClass(AvroMapping.assetClass(fill.assetClass()))
                .setSide(order.getSide())
                .setQuantity(Decimals.wire(fill.quantity()))
                .setPrice(Decimals.wire(fill.price()))
                .setFee(Decimals.wire(fill.fee()))
                .setRealizedPnl(Decimals.wire(fill.realizedPnl()))
                .setKind(TradeKind.FILL)
                .setExecutedAt(now)
                .build();
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
