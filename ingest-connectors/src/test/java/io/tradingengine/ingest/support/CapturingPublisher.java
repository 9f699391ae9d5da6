package io.tradingengine.ingest.support;

import io.micrometer.core.instrument.MeterRegistry;
import io.tradingengine.avro.Market;
import io.tradingengine.avro.PriceTick;
import io.tradingengine.ingest.PricePublisher;
import io.tradingengine.schemas.Topics;
import io.tradingengine.schemas.registry.InMemorySchemaStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** A real {@link PricePublisher} over Kafka's {@link MockProducer}, decoding what was sent. */
public final class CapturingPublisher {

    private final Topics topics = new Topics(new InMemorySchemaStore(), true);
    private final MockProducer<String, byte[]> producer =
            new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());
    private final PricePublisher publisher;

    public CapturingPublisher(MeterRegistry meters) {
        this.publisher = new PricePublisher(producer, topics, meters);
    }

    public PricePublisher publisher() {
        return publisher;
    }

    public List<PriceTick> ticks() {
        List<PriceTick> ticks = new ArrayList<>();
        for (ProducerRecord<String, byte[]> record : producer.history()) {
            if (record.topic().equals(Topics.PRICES)) {
                ticks.add(topics.prices.valueSerde().deserializer().deserialize(Topics.PRICES, record.value()));
            }
        }
        return ticks;
    }

    public List<PriceTick> ticks(String market) {
        return ticks().stream().filter(tick -> tick.getMarket().equals(market)).collect(Collectors.toList());
    }

    public PriceTick lastTick(String market) {
        List<PriceTick> ticks = ticks(market);
        return ticks.isEmpty() ? null : ticks.get(ticks.size() - 1);
    }

    public List<Market> markets() {
        List<Market> markets = new ArrayList<>();
        for (ProducerRecord<String, byte[]> record : producer.history()) {
            if (record.topic().equals(Topics.MARKETS)) {
                markets.add(topics.markets.valueSerde().deserializer().deserialize(Topics.MARKETS, record.value()));
            }
        }
        return markets;
    }

    public Market lastMarket(String market) {
        Market last = null;
        for (Market candidate : markets()) {
            if (candidate.getMarket().equals(market)) {
                last = candidate;
            }
        }
        return last;
    }

    /** Each tick sent so far with the key of its record, from one snapshot of the history. */
    public List<Map.Entry<String, PriceTick>> keyedTicks() {
        List<Map.Entry<String, PriceTick>> ticks = new ArrayList<>();
        for (ProducerRecord<String, byte[]> record : producer.history()) {
            if (record.topic().equals(Topics.PRICES)) {
                ticks.add(Map.entry(record.key(), topics.prices.valueSerde().deserializer()
                        .deserialize(Topics.PRICES, record.value())));
            }
        }
        return ticks;
    }
}
