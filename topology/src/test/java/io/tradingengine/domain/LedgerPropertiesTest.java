package io.tradingengine.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * Invariants of the money, for random sequences of orders and price ticks on a crypto and a prediction market
 * under random rules: the books always balance, the trades tell the whole story of the positions, nothing trades
 * after a failure, and no fill leaves its slippage band.
 */
class LedgerPropertiesTest {

    private static final Instant NOW = Instant.parse("2025-03-03T12:00:00Z");
    private static final BigDecimal SLIPPAGE_CRYPTO = new BigDecimal("0.001");
    private static final BigDecimal SLIPPAGE_PREDICTION = new BigDecimal("0.002");
    private static final BigDecimal ONE_UNIT = new BigDecimal("1E-18");
    private static final String BTC = "BTC/USD";
    private static final String RAIN = "kalshi:RAIN";
    private static final Map<String, MarketInfo> MARKETS = Map.of(
            BTC, new MarketInfo(BTC, AssetClass.CRYPTO, MarketStatus.OPEN),
            RAIN, new MarketInfo(RAIN, AssetClass.PREDICTION, MarketStatus.OPEN));
    private static final OrderDesk DESK = new OrderDesk(new OrderEngine(new CostSchedule(
            new ExecutionCosts(SLIPPAGE_CRYPTO, new BigDecimal("0.001")),
            new ExecutionCosts(SLIPPAGE_PREDICTION, new BigDecimal("0.002"))), PriceFreshness.unchecked()));

    /** One step: an order or a tick. */
    sealed interface Step permits OrderStep, TickStep {
    }

    record OrderStep(String market, Side side, BigDecimal quantity) implements Step {
    }

    record TickStep(String market, BigDecimal bid, BigDecimal ask) implements Step {
    }

    @Property(tries = 400)
    void equityIsStartingBalancePlusRealizedPnlMinusFeesPlusUnrealizedPnl(@ForAll("rules") Rules rules,
                                                                         @ForAll("steps") List<Step> steps) {
        DomainLedger ledger = run(rules, steps);

        BigDecimal realized = Money.ZERO;
        BigDecimal fees = Money.ZERO;
        for (DomainLedger.TradeRecord trade : ledger.trades()) {
            realized = realized.add(trade.realizedPnl());
            fees = fees.add(trade.fee());
        }
        BigDecimal unrealized = Money.ZERO;
        for (MarketPosition position : ledger.marked()) {
            unrealized = unrealized.add(position.holding().unrealizedPnl());
        }
        Valuation valuation = Valuation.of(ledger.account().balance(),
                ledger.marked().stream().map(MarketPosition::holding).toList());
        // Canonical (Money.of) and equal: the same number in the one form the domain keeps numbers in.
        assertThat(ledger.account().balance()).isEqualTo(Money.of(Money.of("100000").add(realized).subtract(fees)));
        assertThat(valuation.equity())
                .isEqualTo(Money.of(Money.of("100000").add(realized).subtract(fees).add(unrealized)));
    }

    @Property(tries = 400)
    void positionsRebuiltFromTheTradesEqualTheStoredPositions(@ForAll("rules") Rules rules,
                                                              @ForAll("steps") List<Step> steps) {
        DomainLedger ledger = run(rules, steps);

        Map<String, PositionState> rebuilt = new TreeMap<>();
        Map<String, BigDecimal> quantities = new TreeMap<>();
        for (DomainLedger.TradeRecord trade : ledger.trades()) {
            PositionState before = rebuilt.getOrDefault(trade.market(), PositionState.FLAT);
            rebuilt.put(trade.market(), before.apply(trade.side(), trade.quantity(), trade.price(), trade.fee())
                    .position());
            quantities.merge(trade.market(), trade.side().signed(trade.quantity()), BigDecimal::add);
        }
        assertThat(rebuilt).isEqualTo(ledger.positionStates());
        quantities.forEach((market, quantity) -> assertThat(ledger.positionStates().get(market).quantity())
                .isEqualByComparingTo(quantity));
    }

    @Property(tries = 400)
    void nothingTradesAfterTheAssessmentFailed(@ForAll("rules") Rules rules, @ForAll("steps") List<Step> steps) {
        DomainLedger ledger = run(rules, steps);
        Statistics.label("status").collect(ledger.account().status());
        Statistics.label("liquidated").collect(ledger.trades().stream()
                .anyMatch(trade -> trade.kind() == TradeKind.LIQUIDATION));

        assertThat(ledger.trades()).noneMatch(DomainLedger.TradeRecord::afterFailure);
        if (ledger.account().status() == AssessmentStatus.FAILED) {
            assertThat(ledger.marked()).noneMatch(MarketPosition::isOpen);
            assertThat(ledger.order(BTC, Side.LONG, BigDecimal.ONE, NOW)).isInstanceOf(Rejection.class);
        }
        // The property means something only if the random runs do fail assessments and liquidate positions.
        Statistics.label("status").coverage(checker -> checker.check(AssessmentStatus.FAILED)
                .percentage(percent -> percent > 5));
        Statistics.label("liquidated").coverage(checker -> checker.check(true).percentage(percent -> percent > 2));
    }

    @Property(tries = 400)
    void fillsNeverLeaveTheSlippageBand(@ForAll("rules") Rules rules, @ForAll("steps") List<Step> steps) {
        DomainLedger ledger = run(rules, steps);

        for (DomainLedger.TradeRecord trade : ledger.trades()) {
            if (trade.kind() != TradeKind.FILL) {
                continue;
            }
            boolean prediction = trade.assetClass() == AssetClass.PREDICTION;
            BigDecimal band = trade.reference().multiply(prediction ? SLIPPAGE_PREDICTION : SLIPPAGE_CRYPTO)
                    .add(ONE_UNIT);
            BigDecimal concession = trade.side() == Side.LONG
                    ? trade.price().subtract(trade.reference())
                    : trade.reference().subtract(trade.price());
            if (prediction) {
                assertThat(trade.price()).isBetween(FillPricer.PREDICTION_FLOOR, FillPricer.PREDICTION_CEILING);
                boolean clamped = trade.price().compareTo(FillPricer.PREDICTION_FLOOR) == 0
                        || trade.price().compareTo(FillPricer.PREDICTION_CEILING) == 0;
                if (clamped) {
                    continue;
                }
            }
            assertThat(concession).isBetween(BigDecimal.ZERO, band);
        }
    }

    private static DomainLedger run(Rules rules, List<Step> steps) {
        DomainLedger ledger = new DomainLedger(DESK, MARKETS,
                Account.open("A1", "u1", new BigDecimal("100000"), rules, NOW));
        ledger.tick(BTC, new Quote(Money.of("50000"), Money.of("50010"), null, NOW), NOW);
        ledger.tick(RAIN, new Quote(Money.of("0.50"), Money.of("0.52"), null, NOW), NOW);
        for (Step step : steps) {
            if (step instanceof OrderStep order) {
                ledger.order(order.market(), order.side(), order.quantity(), NOW);
            } else if (step instanceof TickStep tick) {
                ledger.tick(tick.market(), new Quote(tick.bid(), tick.ask(), null, NOW), NOW);
            }
        }
        return ledger;
    }

    @Provide
    Arbitrary<Rules> rules() {
        Arbitrary<BigDecimal> percent = Arbitraries.bigDecimals().between(BigDecimal.ONE, new BigDecimal("20"))
                .ofScale(2).injectNull(0.3);
        Arbitrary<DrawdownMode> mode = Arbitraries.of(DrawdownMode.class);
        Arbitrary<BigDecimal> leverage = Arbitraries.bigDecimals().between(BigDecimal.ONE, new BigDecimal("5"))
                .ofScale(1);
        return Combinators.combine(percent, mode, percent, percent, leverage)
                .as((drawdown, drawdownMode, dailyLoss, target, maxLeverage) -> new Rules(drawdown, drawdownMode,
                        dailyLoss, target == null ? null : target.add(new BigDecimal("5")), null, null, maxLeverage,
                        null, null));
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        Arbitrary<Step> btcOrder = Combinators.combine(Arbitraries.of(Side.class),
                        Arbitraries.bigDecimals().between(new BigDecimal("0.001"), new BigDecimal("3")).ofScale(3))
                .as((side, quantity) -> new OrderStep(BTC, side, quantity));
        Arbitrary<Step> rainOrder = Combinators.combine(Arbitraries.of(Side.class),
                        Arbitraries.bigDecimals().between(BigDecimal.ONE, new BigDecimal("50000")).ofScale(0))
                .as((side, quantity) -> new OrderStep(RAIN, side, quantity));
        Arbitrary<Step> btcTick = Combinators.combine(
                        Arbitraries.bigDecimals().between(new BigDecimal("20000"), new BigDecimal("80000")).ofScale(2),
                        Arbitraries.bigDecimals().between(BigDecimal.ZERO, new BigDecimal("50")).ofScale(2))
                .as((bid, spread) -> new TickStep(BTC, bid, bid.add(spread)));
        Arbitrary<Step> rainTick = Arbitraries.bigDecimals().between(new BigDecimal("0.01"), new BigDecimal("0.98"))
                .ofScale(2).map(bid -> new TickStep(RAIN, bid, bid.add(new BigDecimal("0.01"))));
        return Arbitraries.frequencyOf(
                        net.jqwik.api.Tuple.of(3, btcOrder), net.jqwik.api.Tuple.of(2, rainOrder),
                        net.jqwik.api.Tuple.of(3, btcTick), net.jqwik.api.Tuple.of(2, rainTick))
                .list().ofMinSize(1).ofMaxSize(40).map(ArrayList::new);
    }
}
