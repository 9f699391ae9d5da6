package io.tradingengine.schemas;

import io.tradingengine.avro.Assessment;
import io.tradingengine.avro.AssessmentEvent;
import io.tradingengine.avro.Market;
import io.tradingengine.avro.Order;
import io.tradingengine.avro.OrderResult;
import io.tradingengine.avro.Position;
import io.tradingengine.avro.PriceTick;
import io.tradingengine.avro.Trade;
import io.tradingengine.schemas.serde.AvroSerde;
import io.tradingengine.schemas.serde.SchemaRegistryClient;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * The typed catalogue of the engine's public topics (DESIGN.md, Kafka contracts): name, key serde and value serde,
 * built once from a registry client and used by every producer, consumer and Streams node.
 */
public final class Topics {

    public static final String PRICES = "prices";
    public static final String MARKETS = "markets";
    public static final String ASSESSMENTS = "assessments";
    public static final String ORDERS = "orders";
    public static final String ORDER_RESULTS = "order-results";
    public static final String TRADES = "trades";
    public static final String POSITIONS = "positions";
    public static final String ASSESSMENT_EVENTS = "assessment-events";
    public static final String SCHEMAS = "_schemas";

    /** Header carried by every record: the correlation id of the request that caused it. */
    public static final String CORRELATION_ID_HEADER = "correlation-id";

    public final Topic<String, PriceTick> prices;
    public final Topic<String, Market> markets;
    public final Topic<String, Assessment> assessments;
    public final Topic<String, Order> orders;
    public final Topic<String, OrderResult> orderResults;
    public final Topic<String, Trade> trades;
    public final Topic<String, Position> positions;
    public final Topic<String, AssessmentEvent> assessmentEvents;

    private final SchemaRegistryClient registry;
    private final boolean autoRegister;

    public Topics(SchemaRegistryClient registry, boolean autoRegister) {
        this.registry = registry;
        this.autoRegister = autoRegister;
        this.prices = topic(PRICES, PriceTick.getClassSchema(), false);
        this.markets = topic(MARKETS, Market.getClassSchema(), true);
        this.assessments = topic(ASSESSMENTS, Assessment.getClassSchema(), false);
        this.orders = topic(ORDERS, Order.getClassSchema(), false);
        this.orderResults = topic(ORDER_RESULTS, OrderResult.getClassSchema(), false);
        this.trades = topic(TRADES, Trade.getClassSchema(), false);
        this.positions = topic(POSITIONS, Position.getClassSchema(), false);
        this.assessmentEvents = topic(ASSESSMENT_EVENTS, AssessmentEvent.getClassSchema(), false);
    }

    /** Every public topic, for creation at start. */
    public List<Topic<String, ?>> all() {
        return List.of(prices, markets, assessments, orders, orderResults, trades, positions, assessmentEvents);
    }

    /** A value serde for any record type (internal stores, for example), on this catalogue's registry. */
    public <T extends SpecificRecord> Serde<T> serde(Schema schema) {
        return new AvroSerde<>(registry, schema, autoRegister);
    }

    public SchemaRegistryClient registry() {
        return registry;
    }

    private <V extends SpecificRecord> Topic<String, V> topic(String name, Schema schema, boolean compacted) {
        return new Topic<>(name, Serdes.String(), serde(schema), compacted);
    }
}
