package io.tradingengine.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * The domain path of one order on one thread, as the order processor runs it between its store reads and writes:
 * admission, the rules at the current marks, price and size checks, the fill (price, fee, netting), the new
 * position and account, and the rules after the fill ({@link OrderDesk#place}); and the check one tick costs a
 * holder ({@link RiskEngine#evaluate}). The account has every rule set and holds three positions. Orders alternate
 * between opening and closing, each from the same state, so nothing drifts between iterations.
 *
 * <p>Run: see {@link OrderPathBenchmarkMain}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class OrderPathBenchmark {

    private static final Instant NOW = Instant.parse("2025-03-03T12:00:00Z");
    private static final BigDecimal WIRE_BID = new BigDecimal("64990.000000000000000000");
    private static final BigDecimal WIRE_ASK = new BigDecimal("65010.500000000000000000");
    private static final BigDecimal WIRE_LAST = new BigDecimal("65000.250000000000000000");

    private final OrderDesk desk = new OrderDesk(new OrderEngine(new CostSchedule(
            new ExecutionCosts(new BigDecimal("0.001"), new BigDecimal("0.001")),
            new ExecutionCosts(new BigDecimal("0.002"), new BigDecimal("0.002"))), PriceFreshness.unchecked()));
    private final MarketInfo btc = new MarketInfo("BTC/USD", AssetClass.CRYPTO, MarketStatus.OPEN);
    private final Quote quote = new Quote(Money.of("64990"), Money.of("65010"), Money.of("65000"), NOW);
    private final Account account = Account.open("A1", "u1", new BigDecimal("100000"), new Rules(
            new BigDecimal("10"), DrawdownMode.TRAILING, new BigDecimal("5"), new BigDecimal("8"),
            new BigDecimal("50"), new BigDecimal("80"), new BigDecimal("2"), null, null), NOW);
    private final List<MarketPosition> positions = List.of(
            new MarketPosition("BTC/USD", AssetClass.CRYPTO,
                    new PositionState(Money.of("0.3"), Money.of("64000"), Money.of("120"), Money.of("19.2")),
                    Money.of("65000")),
            new MarketPosition("ETH/USD", AssetClass.CRYPTO,
                    new PositionState(Money.of("-4"), Money.of("3100"), Money.ZERO, Money.of("12.4")),
                    Money.of("3000")),
            new MarketPosition("kalshi:RAIN", AssetClass.PREDICTION,
                    new PositionState(Money.of("1000"), Money.of("0.61"), Money.ZERO, Money.of("1.22")),
                    Money.of("0.64")));
    // The same holdings with average entries that repeat (as averaging in with quantities such as 0.3 or 0.7 leaves
    // them): 18 decimals each, so their valuation needs BigInteger arithmetic.
    private final List<MarketPosition> repeatingPositions = List.of(
            new MarketPosition("BTC/USD", AssetClass.CRYPTO,
                    new PositionState(Money.of("0.7"), Money.of("64614.291428571428571429"), Money.of("120"),
                            Money.of("19.2")), Money.of("65000")),
            new MarketPosition("ETH/USD", AssetClass.CRYPTO,
                    new PositionState(Money.of("-3"), Money.of("3100.333333333333333333"), Money.ZERO,
                            Money.of("12.4")), Money.of("3000")),
            new MarketPosition("kalshi:RAIN", AssetClass.PREDICTION,
                    new PositionState(Money.of("1100"), Money.of("0.612727272727272727"), Money.ZERO,
                            Money.of("1.22")), Money.of("0.64")));
    private final OrderRequest open = new OrderRequest("o1", "A1", "u1", "BTC/USD", Side.LONG,
            new BigDecimal("0.1"), NOW);
    private final OrderRequest close = new OrderRequest("o2", "A1", "u1", "BTC/USD", Side.SHORT,
            new BigDecimal("0.1"), NOW);
    // 0.3 BTC at 64,000 plus 0.4 at 65,075.01 averages 45,230.004 / 0.7: a quotient that never terminates, rounded
    // at 18 decimals, so the new entry stays a 23-digit BigInteger value.
    private final OrderRequest openRepeating = new OrderRequest("o3", "A1", "u1", "BTC/USD", Side.LONG,
            new BigDecimal("0.4"), NOW);
    private final OrderRequest closeRepeating = new OrderRequest("o4", "A1", "u1", "BTC/USD", Side.SHORT,
            new BigDecimal("0.4"), NOW);
    private boolean opening;

    /** One order through the whole domain path; the fill is returned so the JIT cannot drop it. */
    @Benchmark
    public OrderOutcome placeOrder() {
        return alternate(open, close, positions);
    }

    /**
     * As {@link #placeOrder}, but the opening order leaves an average entry with a repeating decimal (45,230.004 /
     * 0.7), the case where exact arithmetic cannot stay in 64 bits.
     */
    @Benchmark
    public OrderOutcome placeOrderRepeatingAverage() {
        return alternate(openRepeating, closeRepeating, positions);
    }

    /** As {@link #placeOrder}, with holdings whose average entries repeat (18 decimals each). */
    @Benchmark
    public OrderOutcome placeOrderOnRepeatingEntries() {
        return alternate(open, close, repeatingPositions);
    }

    /** The opening and the closing order in turn, each from the same holdings. */
    private OrderOutcome alternate(OrderRequest opener, OrderRequest closer, List<MarketPosition> holdings) {
        opening = !opening;
        return desk.place(opening ? opener : closer, btc, quote, account, holdings, NOW);
    }

    /** As {@link #markToMarket}, for holdings whose average entries repeat (18 decimals each). */
    @Benchmark
    public Evaluation markToMarketRepeatingEntries() {
        return RiskEngine.evaluate(account, repeatingPositions, NOW);
    }

    /**
     * What the order processor adds per order before the domain path: the joined tick's prices arrive at the wire
     * scale of 18 ({@code 64990.000000000000000000}) and enter the domain in canonical form.
     */
    @Benchmark
    public Quote quoteFromWire() {
        return new Quote(WIRE_BID, WIRE_ASK, WIRE_LAST, NOW);
    }

    /** What a tick costs one holder: valuation of its positions and the rules. */
    @Benchmark
    public Evaluation markToMarket() {
        return RiskEngine.evaluate(account, positions, NOW);
    }
}
