package io.tradingengine.topology;

import io.tradingengine.avro.AssessmentEventType;
import io.tradingengine.avro.Position;
import io.tradingengine.avro.PriceTick;
import io.tradingengine.avro.internal.AssessmentState;
import io.tradingengine.domain.Account;
import io.tradingengine.domain.AssetClass;
import io.tradingengine.domain.ClosingTrade;
import io.tradingengine.domain.Evaluation;
import io.tradingengine.domain.MarketPosition;
import io.tradingengine.domain.PositionState;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * The assessment desk's view of its stores, shared by its processors: accounts and positions in, accounts and
 * positions out, and the records an assessment's end produces. Stores are written before the records are
 * returned, so a reader that sees an output also sees the state behind it. Reads go through the task's
 * {@link LedgerCache} (filled from the stores on a miss) and every write goes to both, so a tick that marks a
 * hundred holders reads neither their accounts nor their positions from RocksDB (the marks of a holder's other
 * markets still come from the global prices store).
 */
final class AccountLedger {

    private static final StringSerializer KEY_SERIALIZER = new StringSerializer();

    private final KeyValueStore<String, AssessmentState> assessments;
    private final KeyValueStore<String, Position> positions;
    private final KeyValueStore<String, String> holders;
    private final KeyValueStore<String, ValueAndTimestamp<PriceTick>> prices;
    private final LedgerCache cache;

    AccountLedger(ProcessorContext<?, ?> context) {
        this.assessments = context.getStateStore(StoreNames.ASSESSMENTS);
        this.positions = context.getStateStore(StoreNames.POSITIONS);
        this.holders = context.getStateStore(StoreNames.HOLDERS);
        this.prices = context.getStateStore(StoreNames.PRICES);
        this.cache = context.getStateStore(StoreNames.LEDGER_CACHE);
        // Streams calls init on every activation of a task, also when it comes back from standby with its stores
        // updated from the changelog but its cache untouched: start from the stores.
        cache.clear();
    }

    /** The account, or null when the assessment does not exist. */
    Account account(String assessmentId) {
        Account cached = cache.account(assessmentId);
        if (cached != null) {
            return cached;
        }
        AssessmentState state = assessments.get(assessmentId);
        if (state == null) {
            return null;
        }
        Account account = AvroMapping.account(state);
        cache.putAccount(account);
        return account;
    }

    void save(Account account) {
        assessments.put(account.assessmentId(), AvroMapping.state(account));
        cache.putAccount(account);
    }

    /** The stored position of an assessment in a market, without a mark, or null. */
    MarketPosition position(String assessmentId, String market) {
        return positionsOf(assessmentId).get(market);
    }

    /**
     * Every stored position of an assessment by market (flat ones included), without marks, from the cache or the
     * store.
     */
    private NavigableMap<String, MarketPosition> positionsOf(String assessmentId) {
        NavigableMap<String, MarketPosition> cached = cache.positions(assessmentId);
        if (cached != null) {
            return cached;
        }
        NavigableMap<String, MarketPosition> byMarket = new TreeMap<>();
        try (KeyValueIterator<String, Position> it =
                     positions.prefixScan(StoreNames.positionPrefix(assessmentId), KEY_SERIALIZER)) {
            while (it.hasNext()) {
                Position position = it.next().value;
                byMarket.put(position.getMarket(), AvroMapping.marketPosition(position, null));
            }
        }
        cache.putPositions(assessmentId, byMarket);
        return byMarket;
    }

    /**
     * Every stored position of an assessment in key order, valued at the latest prices; the given market (when not
     * null) at {@code mark} instead, when that is not null.
     */
    List<MarketPosition> positions(String assessmentId, String market, BigDecimal mark) {
        return positions(assessmentId, market, mark, null);
    }

    /**
     * As {@link #positions(String, String, BigDecimal)}, taking the latest marks of the other markets from
     * {@code latestMarks} and adding those it reads: a tick checked against all its holders reads the prices store
     * once per other market, not once per holder. Null: no memo.
     */
    List<MarketPosition> positions(String assessmentId, String market, BigDecimal mark,
                                   Map<String, BigDecimal> latestMarks) {
        NavigableMap<String, MarketPosition> byMarket = positionsOf(assessmentId);
        List<MarketPosition> all = new ArrayList<>(byMarket.size());
        for (MarketPosition position : byMarket.values()) {
            String other = position.market();
            BigDecimal markPrice;
            if (mark != null && other.equals(market)) {
                markPrice = mark;
            } else if (latestMarks == null) {
                markPrice = latestMark(other);
            } else {
                if (!latestMarks.containsKey(other)) {
                    latestMarks.put(other, latestMark(other));
                }
                markPrice = latestMarks.get(other);
            }
            all.add(position.withMarkPrice(markPrice));
        }
        return all;
    }

    /**
     * Rebuilds the holders index from the positions when it is empty while open positions exist: a state dir or
     * changelog from before the index was kept in this desk. Checked once per cache lifetime, on first use, because
     * stores can only be written while a record is processed.
     */
    private void ensureHoldersIndex() {
        if (cache.holdersIndexChecked()) {
            return;
        }
        cache.markHoldersIndexChecked();
        try (KeyValueIterator<String, String> any = holders.all()) {
            if (any.hasNext()) {
                return;
            }
        }
        try (KeyValueIterator<String, Position> all = positions.all()) {
            while (all.hasNext()) {
                Position position = all.next().value;
                if (position != null && position.getQuantity().signum() != 0) {
                    holders.put(StoreNames.holderKey(position.getMarket(), position.getAssessmentId()),
                            position.getAssessmentId());
                }
            }
        }
    }

    /** The mark of the latest tick of a market, or null. */
    BigDecimal latestMark(String market) {
        ValueAndTimestamp<PriceTick> tick = prices.get(market);
        return tick == null ? null : AvroMapping.mark(tick.value());
    }

    /**
     * Writes a position and returns the record written. The holders index follows in the same step: an open
     * position registers its assessment as a holder of the market, a flat one removes it, so the index is never
     * behind the positions (same task, same transaction). The index is written only when the position opens or goes
     * flat: most fills change a position that stays open, and each write is a changelog record.
     */
    Position savePosition(String assessmentId, String market, AssetClass assetClass, PositionState state,
                          BigDecimal markPrice, Instant at) {
        Position position = AvroMapping.position(assessmentId, market, assetClass, state, markPrice, at);
        positions.put(StoreNames.positionKey(assessmentId, market), position);
        NavigableMap<String, MarketPosition> cachedPositions = cache.positions(assessmentId);
        // Known to be in the index already (or not) when the cache holds the previous position of this market.
        Boolean wasHolding = null;
        if (cachedPositions != null) {
            MarketPosition previous = cachedPositions.put(market, new MarketPosition(market, assetClass, state, null));
            wasHolding = previous != null && previous.isOpen();
        }
        boolean holding = !state.isFlat();
        if (wasHolding != null && wasHolding == holding) {
            return position;
        }
        String holderKey = StoreNames.holderKey(market, assessmentId);
        NavigableSet<String> cachedHolders = cache.holders(market);
        if (holding) {
            holders.put(holderKey, assessmentId);
            if (cachedHolders != null) {
                cachedHolders.add(assessmentId);
            }
        } else {
            holders.delete(holderKey);
            if (cachedHolders != null) {
                cachedHolders.remove(assessmentId);
            }
        }
        return position;
    }

    /**
     * The ids of this task's assessments that hold an open position in the market, in id order: a copy, so the
     * caller may change positions while it iterates.
     */
    List<String> holders(String market) {
        ensureHoldersIndex();
        NavigableSet<String> cached = cache.holders(market);
        if (cached == null) {
            cached = new TreeSet<>();
            try (KeyValueIterator<String, String> it =
                         holders.prefixScan(StoreNames.holderPrefix(market), KEY_SERIALIZER)) {
                while (it.hasNext()) {
                    cached.add(it.next().value);
                }
            }
            cache.putHolders(market, cached);
        }
        return List.copyOf(cached);
    }

    /**
     * Records an evaluation that ended the assessment: writes the account and the liquidated positions, and returns
     * the BREACH or PASSED event, then per liquidation the LIQUIDATION trade and the flat position. An evaluation
     * without verdict only writes the account.
     */
    List<KeyValue<String, EngineOutput>> record(Evaluation evaluation, Instant at) {
        Account account = evaluation.account();
        save(account);
        List<KeyValue<String, EngineOutput>> outputs = new ArrayList<>();
        if (!evaluation.hasVerdict()) {
            return outputs;
        }
        String id = account.assessmentId();
        AssessmentEventType type = evaluation.isBreach() ? AssessmentEventType.BREACH : AssessmentEventType.PASSED;
        outputs.add(KeyValue.pair(id, EngineOutput.of(AvroMapping.event(id + ":" + type.name(), account, type,
                evaluation.verdict().rule().name(), evaluation.verdict().detail(),
                evaluation.equity(), at))));
        for (ClosingTrade trade : evaluation.liquidations()) {
            outputs.addAll(closed(account, trade, at));
        }
        return outputs;
    }

    /** Writes the position a closing trade left and returns the trade and the position. */
    List<KeyValue<String, EngineOutput>> closed(Account account, ClosingTrade trade, Instant at) {
        String id = account.assessmentId();
        Position flat = savePosition(id, trade.market(), trade.assetClass(), trade.position(), trade.price(), at);
        return List.of(
                KeyValue.pair(id, EngineOutput.of(AvroMapping.trade(trade, id, account.userId(), at))),
                KeyValue.pair(StoreNames.positionKey(id, trade.market()), EngineOutput.of(flat)));
    }
}
