package io.tradingengine.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.tradingengine.avro.AssetClass;
import io.tradingengine.avro.Market;
import io.tradingengine.avro.MarketStatus;
import io.tradingengine.avro.PriceTick;
import io.tradingengine.schemas.Decimals;
import io.tradingengine.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way market data reaches Kafka: validates each tick ({@link TickValidator}) and publishes it on
 * {@code prices}, and publishes listings and status changes on {@code markets}, keyed by market id, in the topic
 * catalogue's Avro format, through one idempotent producer shared by every connector. A bad tick is counted and
 * dropped, never published. Thread-safe.
 *
 * <p>Metrics: {@code ingest.ticks.published} and {@code ingest.markets.published} (tag {@code source}),
 * {@code ingest.ticks.rejected} (tags {@code source}, {@code reason}), {@code ingest.publish.errors} (tag
 * {@code topic}) for sends the broker failed.
 */
public final class PricePublisher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PricePublisher.class);

    private final Producer<String, byte[]> producer;
    private final String pricesTopic;
    private final String marketsTopic;
    private final Serializer<PriceTick> tickSerializer;
    private final Serializer<Market> marketSerializer;
    private final MeterRegistry meters;
    private final ConcurrentMap<String, AssetClass> assetClasses = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Counter> counters = new ConcurrentHashMap<>();
    private final AtomicLong sendErrors = new AtomicLong();

    /** A publisher over {@code producer}, which it owns and closes. */
    public PricePublisher(Producer<String, byte[]> producer, Topics topics, MeterRegistry meters) {
        this.producer = Objects.requireNonNull(producer, "producer");
        this.pricesTopic = topics.prices.name();
        this.marketsTopic = topics.markets.name();
        this.tickSerializer = topics.prices.valueSerde().serializer();
        this.marketSerializer = topics.markets.valueSerde().serializer();
        this.meters = Objects.requireNonNull(meters, "meters");
    }

    /** A publisher with its own idempotent {@link KafkaProducer} on {@code bootstrapServers}. */
    public static PricePublisher create(String bootstrapServers, Topics topics, MeterRegistry meters) {
        return create(producerProperties(bootstrapServers), topics, meters);
    }

    /**
     * A publisher with its own {@link KafkaProducer} built from these properties (at least
     * {@code bootstrap.servers}); idempotence and {@code acks=all} are enforced.
     */
    public static PricePublisher create(Map<String, Object> producerProperties, Topics topics, MeterRegistry meters) {
        Map<String, Object> properties = new HashMap<>(producerProperties);
        // Retries after a lost acknowledgement must not duplicate ticks or reorder a market's status changes.
        properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 5);
        properties.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "price-publisher");
        return new PricePublisher(new KafkaProducer<>(properties, new StringSerializer(), new ByteArraySerializer()),
                topics, meters);
    }

    /** The producer properties {@link #create(String, Topics, MeterRegistry)} uses. */
    public static Map<String, Object> producerProperties(String bootstrapServers) {
        Map<String, Object> properties = new HashMap<>();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return properties;
    }

    /**
     * Validates and publishes a tick on {@code prices}, its decimals at the wire scale. Returns the reason when the
     * tick was dropped instead.
     */
    public Optional<TickRejection> publish(PriceTick tick) {
        String source = tick.getSource() == null ? "unknown" : tick.getSource();
        Optional<TickRejection> rejection = validate(tick);
        if (rejection.isPresent()) {
            counter("ingest.ticks.rejected", "source", source, "reason", rejection.get().name()).increment();
            return rejection;
        }
        PriceTick wire = PriceTick.newBuilder(tick)
                .setBid(Decimals.wire(tick.getBid()))
                .setAsk(Decimals.wire(tick.getAsk()))
                .setLast(Decimals.wire(tick.getLast()))
                .build();
        send(pricesTopic, wire.getMarket(), tickSerializer.serialize(pricesTopic, wire));
        counter("ingest.ticks.published", "source", source).increment();
        return Optional.empty();
    }

    /**
     * Publishes a listing or status change on {@code markets}. Also remembers the market's asset class, by which
     * later ticks of the market are validated.
     *
     * @throws IllegalArgumentException when the market id is blank, or a RESOLVED market has no YES/NO outcome
     */
    public void publish(Market market) {
        if (market.getMarket() == null || market.getMarket().isBlank()) {
            throw new IllegalArgumentException("A market needs a market id");
        }
        if (market.getStatus() == MarketStatus.RESOLVED
                && !("YES".equals(market.getOutcome()) || "NO".equals(market.getOutcome()))) {
            throw new IllegalArgumentException("Resolved market " + market.getMarket()
                    + " needs outcome YES or NO, got " + market.getOutcome());
        }
        assetClasses.put(market.getMarket(), market.getAssetClass());
        send(marketsTopic, market.getMarket(), marketSerializer.serialize(marketsTopic, market));
        counter("ingest.markets.published", "source", market.getSource() == null ? "unknown" : market.getSource())
                .increment();
    }

    /**
     * The rule {@code tick} breaks, if any. The asset class comes from the market's last published listing, else
     * from its id ({@link MarketIds#assetClassOf}).
     */
    public Optional<TickRejection> validate(PriceTick tick) {
        AssetClass assetClass = tick.getMarket() == null ? AssetClass.CRYPTO
                : assetClasses.getOrDefault(tick.getMarket(), MarketIds.assetClassOf(tick.getMarket()));
        return TickValidator.check(tick, assetClass);
    }

    /** Sends the broker refused or failed since start. */
    public long sendErrors() {
        return sendErrors.get();
    }

    /** Blocks until every record handed over so far is acknowledged or failed. */
    public void flush() {
        producer.flush();
    }

    /** Flushes and closes the producer. */
    @Override
    public void close() {
        producer.close();
    }

    private void send(String topic, String key, byte[] value) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, key, value);
        record.headers().add(Topics.CORRELATION_ID_HEADER,
                UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8));
        producer.send(record, (metadata, exception) -> {
            if (exception != null) {
                onSendError(topic, exception);
            }
        });
    }

    private void onSendError(String topic, Exception exception) {
        long errors = sendErrors.incrementAndGet();
        counter("ingest.publish.errors", "topic", topic).increment();
        // A broker outage fails every send: log the first and then every hundredth.
        if (errors == 1 || errors % 100 == 0) {
            LOG.warn("Publishing to {} failed ({} failures so far): {}", topic, errors, exception.toString());
        }
    }

    private Counter counter(String name, String... tags) {
        String key = name + String.join("|", tags);
        return counters.computeIfAbsent(key, k -> Counter.builder(name).tags(tags).register(meters));
    }
}
