package io.tradingengine.api.support;

import io.tradingengine.api.query.AccountSnapshot;
import io.tradingengine.api.query.QueryService;
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

/** A fixed, in-memory implementation of our {@link QueryService} for route tests; can be switched to "unavailable". */
public final class InMemoryQueryService implements QueryService {

    private final Map<String, AssessmentState> assessments = new ConcurrentHashMap<>();
    private final Map<String, Position> positions = new ConcurrentHashMap<>();
    private final Map<String, OrderResult> results = new ConcurrentHashMap<>();
    private final Map<String, PriceTick> prices = new ConcurrentHashMap<>();
    private final Map<String, Market> markets = new ConcurrentHashMap<>();
    private volatile String unavailable;

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

    @Override
    public Optional<AccountSnapshot> account(String assessmentId) {
        check();
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
        return Optional.ofNullable(results.get(orderId));
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

    private void check() {
        String reason = unavailable;
        if (reason != null) {
            throw new StoreUnavailableException(reason);
        }
    }
}
