package io.tradingengine.topology;

import io.tradingengine.avro.Order;
import io.tradingengine.avro.OrderResult;
import io.tradingengine.avro.OrderStatus;
import io.tradingengine.avro.Position;
import io.tradingengine.avro.PriceTick;
import io.tradingengine.avro.Trade;
import io.tradingengine.avro.TradeKind;
import io.tradingengine.avro.internal.AssessmentState;
import io.tradingengine.domain.Account;
import io.tradingengine.domain.Fill;
import io.tradingengine.domain.Holding;
import io.tradingengine.domain.MarketInfo;
import io.tradingengine.domain.OrderDecision;
import io.tradingengine.domain.OrderEngine;
import io.tradingengine.domain.OrderRequest;
import io.tradingengine.domain.PositionState;
import io.tradingengine.domain.RejectCode;
import io.tradingengine.domain.Rejection;
import io.tradingengine.schemas.Decimals;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * The thin adapter around {@link OrderEngine}: reads the stores, asks the domain, writes the stores and emits
 * exactly one {@link OrderResult} per order, plus the {@link Trade} and {@link Position} of a fill. Stores are
 * written before anything is emitted, so a reader that sees the result also sees the new position and balance.
 * Headers (the correlation id) travel with every emitted record, because each is derived from the input record.
 */
final class OrderProcessor implements Processor<String, EnrichedOrder, String, EngineOutput> {

    private static final StringSerializer KEY_SERIALIZER = new StringSerializer();

    private final OrderEngine engine;
    private ProcessorContext<String, EngineOutput> context;
    private KeyValueStore<String, AssessmentState> assessments;
    private KeyValueStore<String, Position> positions;
    private KeyValueStore<String, OrderResult> results;
    private KeyValueStore<String, ValueAndTimestamp<PriceTick>> prices;

    OrderProcessor(OrderEngine engine) {
        this.engine = engine;
    }

    @Override
    public void init(ProcessorContext<String, EngineOutput> context) {
        this.context = context;
        this.assessments = context.getStateStore(StoreNames.ASSESSMENTS);
        this.positions = context.getStateStore(StoreNames.POSITIONS);
        this.results = context.getStateStore(StoreNames.ORDER_RESULTS);
        this.prices = context.getStateStore(StoreNames.PRICES);
    }

    @Override
    public void process(Record<String, EnrichedOrder> record) {
        Order order = record.value().order();
        OrderRequest request = AvroMapping.order(order);
        Instant now = Instant.ofEpochMilli(context.currentSystemTimeMs());

        Optional<Rejection> invalid = engine.validate(request).or(() -> keyMismatch(record.key(), order));
        if (invalid.isPresent()) {
            OrderResult result = rejected(order, invalid.get(), now);
            if (!isBlank(order.getOrderId()) && results.get(order.getOrderId()) == null) {
                results.put(order.getOrderId(), result);
            }
            emit(record, resultKey(record.key(), order), EngineOutput.of(result));
            return;
        }
        OrderResult first = results.get(order.getOrderId());
        if (first != null) {
            // A retry or a replayed duplicate: the first answer again, never a second fill.
            emit(record, order.getAssessmentId(), EngineOutput.of(first));
            return;
        }
        decide(record, order, request, now);
    }

    private void decide(Record<String, EnrichedOrder> record, Order order, OrderRequest request, Instant now) {
        String assessmentId = order.getAssessmentId();
        MarketInfo market = AvroMapping.market(record.value().market());
        AssessmentState state = assessments.get(assessmentId);
        Account account = state == null ? null : AvroMapping.account(state);
        String positionKey = StoreNames.positionKey(assessmentId, order.getMarket());
        Position stored = positions.get(positionKey);
        PositionState position = stored == null ? PositionState.FLAT : AvroMapping.positionState(stored);
        List<Holding> others = market == null || account == null ? List.of() : otherHoldings(assessmentId,
                positionKey);

        OrderDecision decision = engine.decide(request, market, AvroMapping.quote(record.value().price()), account,
                position, others, now);
        if (decision instanceof Rejection rejection) {
            OrderResult result = rejected(order, rejection, now);
            results.put(order.getOrderId(), result);
            emit(record, assessmentId, EngineOutput.of(result));
            return;
        }
        Fill fill = (Fill) decision;
        Position newPosition = AvroMapping.position(assessmentId, order.getMarket(), fill.assetClass(),
                fill.position(), fill.markPrice(), now);
        OrderResult result = filled(order, fill, now);
        positions.put(positionKey, newPosition);
        assessments.put(assessmentId, AvroMapping.state(fill.account()));
        results.put(order.getOrderId(), result);

        emit(record, assessmentId, EngineOutput.of(result));
        emit(record, assessmentId, EngineOutput.of(trade(order, fill, now)));
        emit(record, positionKey, EngineOutput.of(newPosition));
    }

    /** The assessment's positions in the other markets, valued at the latest prices. */
    private List<Holding> otherHoldings(String assessmentId, String excludedKey) {
        List<Holding> holdings = new ArrayList<>();
        try (KeyValueIterator<String, Position> it =
                     positions.prefixScan(StoreNames.positionPrefix(assessmentId), KEY_SERIALIZER)) {
            while (it.hasNext()) {
                KeyValue<String, Position> entry = it.next();
                Position position = entry.value;
                if (entry.key.equals(excludedKey) || position.getQuantity().signum() == 0) {
                    continue;
                }
                ValueAndTimestamp<PriceTick> tick = prices.get(position.getMarket());
                holdings.add(AvroMapping.holding(position, tick == null ? null : tick.value()));
            }
        }
        return holdings;
    }

    private void emit(Record<String, EnrichedOrder> input, String key, EngineOutput output) {
        context.forward(input.withKey(key).withValue(output));
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
