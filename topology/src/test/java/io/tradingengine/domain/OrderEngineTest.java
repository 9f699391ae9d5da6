package io.tradingengine.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class OrderEngineTest {

    private static final Instant NOW = Instant.parse("2025-03-03T12:00:00Z");
    private static final MarketInfo BTC = new MarketInfo("BTC/USD", AssetClass.CRYPTO, MarketStatus.OPEN);
    private static final Quote BTC_QUOTE = new Quote(dec("99.9"), dec("100.1"), dec("100"), NOW);

    private final OrderEngine engine = new OrderEngine(new CostSchedule(
            new ExecutionCosts(new BigDecimal("0.001"), new BigDecimal("0.001")),
            new ExecutionCosts(new BigDecimal("0.002"), new BigDecimal("0.002"))), PriceFreshness.unchecked());

    private final OrderEngine frictionless = new OrderEngine(new CostSchedule(
            new ExecutionCosts(BigDecimal.ZERO, BigDecimal.ZERO),
            new ExecutionCosts(BigDecimal.ZERO, BigDecimal.ZERO)), PriceFreshness.unchecked());

    @Test
    void shouldFillALongAndChargeRealizedPnlAndFeeToTheBalance() {
        OrderDecision decision = engine.decide(order(Side.LONG, "10"), BTC, BTC_QUOTE, account("10000"),
                PositionState.FLAT, List.of(), NOW);

        Fill fill = (Fill) decision;
        assertThat(fill.tradeId()).isEqualTo("T-o1");
        assertThat(fill.price()).isEqualTo(Money.of("100.2001"));
        assertThat(fill.fee()).isEqualTo(Money.of("1.002001"));
        assertThat(fill.realizedPnl()).isEqualTo(Money.ZERO);
        assertThat(fill.markPrice()).isEqualTo(Money.of("100"));
        assertThat(fill.position().quantity()).isEqualTo(Money.of("10"));
        assertThat(fill.position().averageEntryPrice()).isEqualTo(Money.of("100.2001"));
        assertThat(fill.account().balance()).isEqualTo(Money.of("9998.997999"));
    }

    @Test
    void shouldCreditRealizedPnlWhenClosing() {
        PositionState open = new PositionState(Money.of("10"), Money.of("90"), Money.ZERO, Money.of("0.9"));

        Fill fill = (Fill) frictionless.decide(order(Side.SHORT, "10"), BTC, BTC_QUOTE, account("10000"), open,
                List.of(), NOW);

        assertThat(fill.price()).isEqualTo(Money.of("99.9"));
        assertThat(fill.realizedPnl()).isEqualTo(Money.of("99"));
        assertThat(fill.position().isFlat()).isTrue();
        assertThat(fill.account().balance()).isEqualTo(Money.of("10099"));
    }

    @Test
    void shouldRejectOrderWithNonPositiveQuantityAsInvalid() {
        assertThat(engine.validate(order(Side.LONG, "0"))).hasValueSatisfying(rejection -> {
            assertThat(rejection.code()).isEqualTo(RejectCode.INVALID_ORDER);
            assertThat(rejection.detail()).isEqualTo("quantity must be > 0, was 0");
        });
        assertThat(engine.validate(order(Side.LONG, "-1"))).map(Rejection::code).hasValue(RejectCode.INVALID_ORDER);
    }

    @Test
    void shouldRejectOrderWithMissingFieldsAsInvalid() {
        OrderRequest noMarket = new OrderRequest("o1", "A1", "u1", " ", Side.LONG, BigDecimal.ONE, NOW);
        OrderRequest noSide = new OrderRequest("o1", "A1", "u1", "BTC/USD", null, BigDecimal.ONE, NOW);
        OrderRequest noId = new OrderRequest("", "A1", "u1", "BTC/USD", Side.LONG, BigDecimal.ONE, NOW);
        OrderRequest slashId = new OrderRequest("o1", "A/1", "u1", "BTC/USD", Side.LONG, BigDecimal.ONE, NOW);

        assertThat(engine.validate(noMarket)).map(Rejection::detail).hasValue("market is missing");
        assertThat(engine.validate(noSide)).map(Rejection::detail).hasValue("side is missing");
        assertThat(engine.validate(noId)).map(Rejection::detail).hasValue("orderId is missing");
        assertThat(engine.validate(slashId)).map(Rejection::code).hasValue(RejectCode.INVALID_ORDER);
        assertThat(engine.validate(order(Side.LONG, "0.000000000000000000001"))).isPresent();
        assertThat(engine.validate(order(Side.LONG, "1"))).isEmpty();
    }

    @Test
    void shouldRejectOrderWhenMarketIsUnknown() {
        assertRejected(engine.decide(order(Side.LONG, "1"), null, BTC_QUOTE, account("10000"), PositionState.FLAT,
                List.of(), NOW), RejectCode.UNKNOWN_MARKET, "market BTC/USD is not listed");
    }

    @Test
    void shouldRejectOrderWhenAssessmentDoesNotExist() {
        assertRejected(engine.decide(order(Side.LONG, "1"), BTC, BTC_QUOTE, null, PositionState.FLAT, List.of(),
                NOW), RejectCode.ASSESSMENT_NOT_FOUND, "assessment A1 does not exist");
    }

    @Test
    void shouldRejectOrderWhenUserDoesNotOwnTheAssessment() {
        OrderRequest foreign = new OrderRequest("o1", "A1", "mallory", "BTC/USD", Side.LONG, BigDecimal.ONE, NOW);

        assertRejected(engine.decide(foreign, BTC, BTC_QUOTE, account("10000"), PositionState.FLAT, List.of(), NOW),
                RejectCode.NOT_OWNER, "user mallory does not own assessment A1");
    }

    @Test
    void shouldRejectOrderWhenAssessmentIsNotActive() {
        Account failed = account("10000").withStatus(AssessmentStatus.FAILED, "MAX_DRAWDOWN", NOW);

        assertRejected(engine.decide(order(Side.LONG, "1"), BTC, BTC_QUOTE, failed, PositionState.FLAT, List.of(),
                NOW), RejectCode.ASSESSMENT_NOT_ACTIVE, "assessment A1 is FAILED (MAX_DRAWDOWN)");
    }

    @Test
    void shouldRejectOrderWhenMarketIsNotOpen() {
        MarketInfo halted = new MarketInfo("BTC/USD", AssetClass.CRYPTO, MarketStatus.HALTED);

        assertRejected(engine.decide(order(Side.LONG, "1"), halted, BTC_QUOTE, account("10000"), PositionState.FLAT,
                List.of(), NOW), RejectCode.MARKET_NOT_OPEN, "market BTC/USD is HALTED");
    }

    @Test
    void shouldRejectOrderWhenThereIsNoPrice() {
        assertRejected(engine.decide(order(Side.LONG, "1"), BTC, null, account("10000"), PositionState.FLAT,
                List.of(), NOW), RejectCode.NO_PRICE, "no price for market BTC/USD");
        assertRejected(engine.decide(order(Side.LONG, "1"), BTC, new Quote(null, null, null, NOW), account("10000"),
                PositionState.FLAT, List.of(), NOW), RejectCode.NO_PRICE,
                "no bid, ask or last price for market BTC/USD");
    }

    @Test
    void shouldRejectOrderWhenThePriceIsOlderThanTheMaximumAge() {
        OrderEngine strict = new OrderEngine(new CostSchedule(
                new ExecutionCosts(BigDecimal.ZERO, BigDecimal.ZERO), new ExecutionCosts(BigDecimal.ZERO,
                BigDecimal.ZERO)), new PriceFreshness(Duration.ofSeconds(30), Duration.ZERO));
        Quote old = new Quote(dec("99.9"), dec("100.1"), null, NOW.minusSeconds(31));

        assertRejected(strict.decide(order(Side.LONG, "1"), BTC, old, account("10000"), PositionState.FLAT,
                List.of(), NOW), RejectCode.STALE_PRICE, "price of BTC/USD is 31000 ms old > max age 30000 ms");
        assertThat(strict.decide(order(Side.LONG, "1"), BTC, BTC_QUOTE, account("10000"), PositionState.FLAT,
                List.of(), NOW)).isInstanceOf(Fill.class);
    }

    @Test
    void shouldCheckGuardsInOrderUnknownMarketBeforeMissingAssessment() {
        OrderDecision decision = engine.decide(order(Side.LONG, "1"), null, null, null, PositionState.FLAT,
                List.of(), NOW);

        assertThat(((Rejection) decision).code()).isEqualTo(RejectCode.UNKNOWN_MARKET);
    }

    @Test
    void shouldFillUpToExactlyTheBuyingPower() {
        OrderDecision decision = frictionless.decide(order(Side.LONG, "100"), BTC,
                new Quote(null, dec("100"), null, NOW), account("10000"), PositionState.FLAT, List.of(), NOW);

        assertThat(decision).isInstanceOf(Fill.class);
    }

    @Test
    void shouldRejectOrderBeyondBuyingPower() {
        assertRejected(frictionless.decide(order(Side.LONG, "101"), BTC, new Quote(null, dec("100"), null, NOW),
                account("10000"), PositionState.FLAT, List.of(), NOW), RejectCode.INSUFFICIENT_BUYING_POWER,
                "gross notional 10100.00 > buying power 10000.00 (equity 10000.00 x max leverage 1)");
    }

    @Test
    void shouldAllowMoreNotionalWithLeverage() {
        Account leveraged = account("10000").withRules(new Rules(null, null, null, null, null, null,
                new BigDecimal("2"), null, null), NOW);

        assertThat(frictionless.decide(order(Side.LONG, "199"), BTC, new Quote(null, dec("100"), null, NOW),
                leveraged, PositionState.FLAT, List.of(), NOW)).isInstanceOf(Fill.class);
    }

    @Test
    void shouldCountOtherHoldingsAndTheirUnrealizedPnlInBuyingPower() {
        // ETH: 10 bought at 50, marked at 60 -> equity 10100, gross 600; BTC room = 9500 at 100.
        List<Holding> others = List.of(new Holding("ETH/USD", Money.of("10"), Money.of("50"), Money.of("60")));
        Quote ask100 = new Quote(null, dec("100"), null, NOW);

        assertThat(frictionless.decide(order(Side.LONG, "95"), BTC, ask100, account("10000"), PositionState.FLAT,
                others, NOW)).isInstanceOf(Fill.class);
        assertRejected(frictionless.decide(order(Side.LONG, "96"), BTC, ask100, account("10000"), PositionState.FLAT,
                others, NOW), RejectCode.INSUFFICIENT_BUYING_POWER,
                "gross notional 10200.00 > buying power 10100.00 (equity 10100.00 x max leverage 1)");
    }

    @Test
    void shouldAlwaysAllowAnOrderThatOnlyReducesThePosition() {
        // Equity has collapsed: 100 long bought at 100, now bid 20 -> equity 10000 - 8000 = 2000 < notional.
        PositionState underwater = new PositionState(Money.of("100"), Money.of("100"), Money.ZERO, Money.ZERO);
        Quote crash = new Quote(dec("20"), dec("20"), null, NOW);

        assertThat(frictionless.decide(order(Side.SHORT, "50"), BTC, crash, account("10000"), underwater, List.of(),
                NOW)).isInstanceOf(Fill.class);
        assertThat(frictionless.decide(order(Side.LONG, "1"), BTC, crash, account("10000"), underwater, List.of(),
                NOW)).isInstanceOf(Rejection.class);
    }

    @Test
    void shouldRejectOrderAboveTheMaximumOrderNotional() {
        Account limited = account("10000").withRules(new Rules(null, null, null, null, new BigDecimal("25"), null,
                null, null, null), NOW);

        assertRejected(frictionless.decide(order(Side.LONG, "26"), BTC, new Quote(null, dec("100"), null, NOW),
                limited, PositionState.FLAT, List.of(), NOW), RejectCode.MAX_ORDER_NOTIONAL,
                "order notional 2600.00 > limit 2500.00 (25 % of equity 10000.00)");
    }

    @Test
    void shouldRejectOrderThatGrowsThePositionAboveTheMaximumPositionNotional() {
        Account limited = account("10000").withRules(new Rules(null, null, null, null, null, new BigDecimal("30"),
                null, null, null), NOW);
        PositionState open = new PositionState(Money.of("25"), Money.of("100"), Money.ZERO, Money.ZERO);

        assertRejected(frictionless.decide(order(Side.LONG, "6"), BTC, new Quote(null, dec("100"), dec("100"), NOW),
                limited, open, List.of(), NOW), RejectCode.MAX_POSITION_NOTIONAL,
                "position notional 3100.00 > limit 3000.00 (30 % of equity 10000.00)");
    }

    private static void assertRejected(OrderDecision decision, RejectCode code, String detail) {
        assertThat(decision).isInstanceOf(Rejection.class);
        Rejection rejection = (Rejection) decision;
        assertThat(rejection.code()).isEqualTo(code);
        assertThat(rejection.detail()).isEqualTo(detail);
    }

    private static OrderRequest order(Side side, String quantity) {
        return new OrderRequest("o1", "A1", "u1", "BTC/USD", side, new BigDecimal(quantity), NOW);
    }

    private static Account account(String balance) {
        return Account.open("A1", "u1", new BigDecimal(balance), Rules.none(), NOW.minusSeconds(3600));
    }

    private static BigDecimal dec(String value) {
        return new BigDecimal(value);
    }
}
