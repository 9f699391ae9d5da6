package io.tradingengine.topology;

import io.tradingengine.avro.Market;
import io.tradingengine.avro.MarketStatus;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The market desk's entry for market records (key market id). A valid record ({@link RecordChecks#market}) is kept
 * in {@link StoreNames#MARKET_STATES} and re-published to {@code markets-latest} (the global markets store); when
 * it RESOLVES or CANCELS a prediction market (or reopens one that had ended) it is also sent once to
 * {@code market-fanout} (MARKET_FANOUT, keyed by market), which {@link BroadcastPartitioner} delivers to every
 * assessment-desk partition, where {@link SettlementProcessor} settles the local holders. A tombstone delists the market; an invalid record goes to
 * {@code markets-dlq}.
 */
final class MarketRouter implements Processor<String, Market, String, DeskOutput> {

    private ProcessorContext<String, DeskOutput> context;
    private KeyValueStore<String, Market> markets;

    @Override
    public void init(ProcessorContext<String, DeskOutput> context) {
        this.context = context;
        this.markets = context.getStateStore(StoreNames.MARKET_STATES);
    }

    @Override
    public void process(Record<String, Market> record) {
        if (record.key() == null) {
            return;
        }
        Market market = record.value();
        if (market == null) {
            markets.delete(record.key());
            context.forward(record.withValue(new DeskOutput(DeskOutput.Kind.LATEST_MARKET, null, null)));
            return;
        }
        String problem = RecordChecks.market(record.key(), market);
        if (problem != null) {
            RecordMetadata source = context.recordMetadata().orElse(null);
            context.forward(record.withValue(DeskOutput.of(DeskOutput.Kind.DEAD_MARKET, market)).withHeaders(
                    DeadLetters.headers(record.headers(), DeadLetters.VALIDATION_FAILURE, problem, null,
                            source == null ? null : source.topic(), source == null ? -1 : source.partition(),
                            source == null ? -1 : source.offset())));
            return;
        }
        Market previous = markets.get(record.key());
        markets.put(record.key(), market);
        context.forward(record.withValue(DeskOutput.of(DeskOutput.Kind.LATEST_MARKET, market)));
        // An end is broadcast to be settled; so is a record that reopens an ended market, so the assessment tasks
        // stop refusing it. Later records win in the order the market desk reads them, whatever their updatedAt.
        if (isEnded(market) || previous != null && isEnded(previous)) {
            context.forward(record.withValue(DeskOutput.of(DeskOutput.Kind.MARKET_FANOUT, market)));
        }
    }

    static boolean isEnded(Market market) {
        return market.getStatus() == MarketStatus.RESOLVED || market.getStatus() == MarketStatus.CANCELLED;
    }
}
