package io.tradingengine.topology;

import io.tradingengine.avro.Market;
import io.tradingengine.avro.PriceTick;
import io.tradingengine.schemas.Topic;
import io.tradingengine.schemas.Topics;
import java.util.List;
import java.util.Set;
import org.apache.kafka.common.serialization.Serdes;

/**
 * The topics the topology needs besides the public catalogue {@link Topics}, which the application creates at
 * start with the others (same partition count): {@code new EngineTopics(topics).all()}.
 *
 * <ul>
 *   <li>{@value #PRICES_LATEST} and {@value #MARKETS_LATEST} (compacted): the validated ticks and market records,
 *       re-published by the market desk. The global stores {@code prices-store} and {@code markets-store} read
 *       these, because the desk itself consumes {@code prices} and {@code markets} as streams (mark to market,
 *       settlement, dead letters) and Kafka Streams lets a topic feed only one source.</li>
 *   <li>{@code <topic>-dlq} for {@code orders}, {@code assessments}, {@code prices} and {@code markets}: records
 *       that cannot be deserialized (the original bytes) or fail validation (the record re-serialized), with the
 *       error in headers ({@link DeadLetters}).</li>
 * </ul>
 *
 * <p>Internal repartition topics ({@code <application.id>-<name>-repartition}) are created by Kafka Streams itself;
 * their names are in {@link TradingTopology}.
 */
public final class EngineTopics {

    public static final String PRICES_LATEST = "prices-latest";
    public static final String MARKETS_LATEST = "markets-latest";
    public static final String DLQ_SUFFIX = "-dlq";
    public static final String ORDERS_DLQ = Topics.ORDERS + DLQ_SUFFIX;
    public static final String ASSESSMENTS_DLQ = Topics.ASSESSMENTS + DLQ_SUFFIX;
    public static final String PRICES_DLQ = Topics.PRICES + DLQ_SUFFIX;
    public static final String MARKETS_DLQ = Topics.MARKETS + DLQ_SUFFIX;
    /** The input topics whose poison records go to {@code <topic>-dlq}. */
    public static final Set<String> DEAD_LETTER_SOURCES = Set.of(Topics.ORDERS, Topics.ASSESSMENTS, Topics.PRICES,
            Topics.MARKETS);

    public final Topic<String, PriceTick> pricesLatest;
    public final Topic<String, Market> marketsLatest;
    public final Topic<String, byte[]> ordersDlq;
    public final Topic<String, byte[]> assessmentsDlq;
    public final Topic<String, byte[]> pricesDlq;
    public final Topic<String, byte[]> marketsDlq;

    public EngineTopics(Topics topics) {
        this(topics, TopicNaming.LIVE);
    }

    /** The same topics under another naming (a shadow application's {@code replay.<name>.prices-latest}, ...). */
    public EngineTopics(Topics topics, TopicNaming naming) {
        this.pricesLatest = new Topic<>(naming.name(PRICES_LATEST), Serdes.String(), topics.prices.valueSerde(),
                true);
        this.marketsLatest = new Topic<>(naming.name(MARKETS_LATEST), Serdes.String(), topics.markets.valueSerde(),
                true);
        this.ordersDlq = deadLetters(naming.name(ORDERS_DLQ));
        this.assessmentsDlq = deadLetters(naming.name(ASSESSMENTS_DLQ));
        this.pricesDlq = deadLetters(naming.name(PRICES_DLQ));
        this.marketsDlq = deadLetters(naming.name(MARKETS_DLQ));
    }

    /** The dead-letter topic of an input topic: {@code <topic>-dlq}. */
    public static String deadLetterTopic(String sourceTopic) {
        return sourceTopic + DLQ_SUFFIX;
    }

    /** Every topic to create besides {@link Topics#all()}. */
    public List<Topic<String, ?>> all() {
        return List.of(pricesLatest, marketsLatest, ordersDlq, assessmentsDlq, pricesDlq, marketsDlq);
    }

    // Dead letters are read as raw bytes: a record that could not be deserialized once will not be now.
    private static Topic<String, byte[]> deadLetters(String name) {
        return new Topic<>(name, Serdes.String(), Serdes.ByteArray(), false);
    }
}
