package io.tradingengine.topology;

import io.tradingengine.avro.Market;
import io.tradingengine.avro.PriceTick;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The market desk's entry for price ticks (key market id), in the task that owns the market. A valid tick
 * ({@link RecordChecks#tick}) is re-published to {@code prices-latest} (the global prices store) and sent once to
 * {@code tick-fanout} (TICK_FANOUT, still keyed by market), which {@link BroadcastPartitioner} delivers to every
 * assessment-desk partition, where {@link MarkToMarketProcessor} marks the local holders. An invalid tick goes to
 * {@code prices-dlq}; a tombstone is ignored.
 */
final class PriceRouter implements Processor<String, PriceTick, String, DeskOutput> {

    private ProcessorContext<String, DeskOutput> context;
    private KeyValueStore<String, Market> markets;

    @Override
    public void init(ProcessorContext<String, DeskOutput> context) {
        this.context = context;
        this.markets = context.getStateStore(StoreNames.MARKET_STATES);
    }

    @Override
    public void process(Record<String, PriceTick> record) {
        PriceTick tick = record.value();
        if (tick == null || record.key() == null) {
            return;
        }
        String problem = RecordChecks.tick(record.key(), tick, markets.get(record.key()));
        if (problem != null) {
            RecordMetadata source = context.recordMetadata().orElse(null);
            context.forward(record.withValue(DeskOutput.of(DeskOutput.Kind.DEAD_PRICE, tick)).withHeaders(
                    DeadLetters.headers(record.headers(), DeadLetters.VALIDATION_FAILURE, problem, null,
                            source == null ? null : source.topic(), source == null ? -1 : source.partition(),
                            source == null ? -1 : source.offset())));
            return;
        }
        context.forward(record.withValue(DeskOutput.of(DeskOutput.Kind.LATEST_PRICE, tick)));
        context.forward(record.withValue(DeskOutput.of(DeskOutput.Kind.TICK_FANOUT, tick)));
    }
}
