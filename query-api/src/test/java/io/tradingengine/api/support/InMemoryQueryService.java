package io.tradingengine.api.support;

import io.tradingengine.api.query.AccountSnapshot;
import io.tradingengine.api.query.QueryService;
import io.tradingengine.api.query.ReadMode;
import io.tradingengine.api.query.StoreUnavailableException;
import io.tradingengine.avro.Market;
import io.tradingengine.avro.OrderResult;
import io.tradingengine.avro.Position;
import io.tradingengine.avro.PriceTick;
import io.tradingengine.avro.internal.AssessmentState;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A fixed, in-memory implementation of our {@link QueryService} for route tests; can be switched to "unavailable",
 * or to hold its assessments as a standby copy with a given lag (active reads fail, standby reads answer within the
 * bound).
 */
public final class InMemoryQueryService implements QueryService {

    private final Map<String, AssessmentState> assessments = new ConcurrentHashMap<>();
    private final Map<String, Position> positions = new ConcurrentHashMap<>();
    private final Map<String, OrderResult> results = new ConcurrentHashMap<>();
    private final Map<String, PriceTick> prices = new ConcurrentHashMap<>();
    private final Map<String, Market> markets = new ConcurrentHashMap<>();
    private volatile String unavailable;
    private volatile Long standbyLag;
    private volatile RuntimeException failure;
    private volatile String notReady;

    public InMemoryQueryService put(AssessmentState state) {
        assessments.put(state.getAssessmentId(), state);
        return this;
    }

    public InMemoryQueryService put(Position position) {
        positions.put(position.getAssessmentId() + "/" + position.getMarket(), position);
        return this;
    }

    public InMemoryQueryService put(OrderResult result) {
        results.put(result.getOrderId(), result);
        return this;
    }

    public InMemoryQueryService put(PriceTick tick) {
        prices.put(tick.getMarket(), tick);
        return this;
    }

    public InMemoryQueryService put(Market market) {
        markets.put(market.getMarket(), market);
        return this;
    }

    /** From now on every read throws {@link StoreUnavailableException} with this reason (null to undo). */
    public void makeUnavailable(String reason) {
        this.unavailable = reason;
    }

    /** From now on the assessments here are a standby copy this many records behind (null: the active copy again). */
    public void makeStandby(Long lag) {
        this.standbyLag = lag;
    }

    /** From now on every read throws this unexpected failure (a bug, say), not "unavailable". */
    public void breakWith(RuntimeException e) {
        this.failure = e;
    }

    /** What {@link #notReadyReason()} answers (null: ready). */
    public void notReady(String reason) {
        this.notReady = reason;
    }

    @Override
    public Optional<String> notReadyReason() {
        return Optional.ofNullable(notReady);
    }

    @Override
    public Optional<AccountSnapshot> account(String assessmentId, ReadMode mode) {
        checkCopy(mode);
        return read(assessmentId);
    }

    @Override
    public Optional<OrderResult> orderResult(String assessmentId, String orderId, ReadMode mode) {
        checkCopy(mode);
        return Optional.ofNullable(results.get(orderId)).filter(r -> assessmentId.equals(r.getAssessmentId()));
    }

    @Override
    public Optional<AccountSnapshot> account(String assessmentId) {
        return account(assessmentId, ReadMode.ACTIVE);
    }

    private Optional<AccountSnapshot> read(String assessmentId) {
        AssessmentState state = assessments.get(assessmentId);
        if (state == null) {
            return Optional.empty();
        }
        List<Position> owned = new ArrayList<>();
        Map<String, PriceTick> marks = new TreeMap<>();
        positions.forEach((key, position) -> {
            if (key.startsWith(assessmentId + "/")) {
                owned.add(position);
                PriceTick tick = prices.get(position.getMarket());
                if (tick != null) {
                    marks.put(position.getMarket(), tick);
                }
            }
        });
        owned.sort(Comparator.comparing(Position::getMarket));
        return Optional.of(new AccountSnapshot(state, owned, marks));
    }

    @Override
    public Optional<OrderResult> orderResult(String orderId) {
        check();
        // A standby copy is no active partition: this instance has nothing to say about any order.
        return standbyLag != null ? Optional.empty() : Optional.ofNullable(results.get(orderId));
    }

    @Override
    public Optional<PriceTick> price(String market) {
        check();
        return Optional.ofNullable(prices.get(market));
    }

    @Override
    public List<Market> markets() {
        check();
        List<Market> all = new ArrayList<>(markets.values());
        all.sort(Comparator.comparing(Market::getMarket));
        return all;
    }

    private void checkCopy(ReadMode mode) {
        check();
        Long lag = standbyLag;
        if (lag == null && mode.standby()) {
            throw new StoreUnavailableException("no standby copy here");
        }
        if (lag != null && !mode.standby()) {
            throw new StoreUnavailableException("the active copy is elsewhere");
        }
        if (lag != null && lag > mode.maxLag()) {
            throw new StoreUnavailableException("standby " + lag + " records behind");
        }
    }

    private void check() {
        RuntimeException broken = failure;
        if (broken != null) {
            throw broken;
        }
        String reason = unavailable;
        if (reason != null) {
            throw new StoreUnavailableException(reason);
        }
    }
}
