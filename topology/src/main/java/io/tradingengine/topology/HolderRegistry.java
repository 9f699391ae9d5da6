package io.tradingengine.topology;

import io.tradingengine.avro.Market;
import io.tradingengine.avro.Position;
import io.tradingengine.avro.PriceTick;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * Keeps the holders index of the market desk ({@link StoreNames#HOLDERS}): a holder change (key market id, value
 * the position that opened or went flat, sent by the assessment desk through a repartition by market) adds or
 * removes the holder.
 *
 * <p>A position opens in the assessment desk a little before its holder lands here (one repartition hop). To lose
 * nothing in between, a new holder gets at once the market's ending record when the market already RESOLVED or was
 * CANCELLED (so it is settled), else the latest tick (so it is marked at the price of the moment); ticks between
 * the fill and the registration are coalesced into that one.
 */
final class HolderRegistry implements Processor<String, Position, String, DeskOutput> {

    private ProcessorContext<String, DeskOutput> context;
    private KeyValueStore<String, String> holders;
    private KeyValueStore<String, Market> markets;
    private KeyValueStore<String, ValueAndTimestamp<PriceTick>> prices;

    @Override
    public void init(ProcessorContext<String, DeskOutput> context) {
        this.context = context;
        this.holders = context.getStateStore(StoreNames.HOLDERS);
        this.markets = context.getStateStore(StoreNames.MARKET_STATES);
        this.prices = context.getStateStore(StoreNames.PRICES);
    }

    @Override
    public void process(Record<String, Position> record) {
        Position position = record.value();
        if (position == null || record.key() == null) {
            return;
        }
        String market = record.key();
        String assessmentId = position.getAssessmentId();
        String key = StoreNames.holderKey(market, assessmentId);
        if (position.getQuantity().signum() == 0) {
            holders.delete(key);
            return;
        }
        holders.put(key, assessmentId);
        Market state = markets.get(market);
        if (state != null && MarketRouter.isEnded(state)) {
            context.forward(record.withKey(assessmentId).withValue(DeskOutput.of(DeskOutput.Kind.MARKET_FANOUT,
                    state)));
            return;
        }
        ValueAndTimestamp<PriceTick> latest = prices.get(market);
        if (latest != null) {
            context.forward(record.withKey(assessmentId).withValue(DeskOutput.of(DeskOutput.Kind.TICK_FANOUT,
                    latest.value())));
        }
    }
}
