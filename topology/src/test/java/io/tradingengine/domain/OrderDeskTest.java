package io.tradingengine.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The whole order path: admission, the rules before the order, the fill and the rules after it. */
class OrderDeskTest {

    private static final Instant NOW = Instant.parse("2025-03-03T12:00:00Z");
    private static final MarketInfo BTC = new MarketInfo("BTC/USD", AssetClass.CRYPTO, MarketStatus.OPEN);

    private final OrderDesk desk = new OrderDesk(new OrderEngine(new CostSchedule(
            new ExecutionCosts(new BigDecimal("0.001"), new BigDecimal("0.001")),
            new ExecutionCosts(new BigDecimal("0.002"), new BigDecimal("0.002"))), PriceFreshness.unchecked()));

    @Test
    void shouldFailTheAssessmentAndRejectWithTheRuleWhenEquityAlreadyBreachesAtOrderTime() {
        Account account = account(RiskEngineScenarioTest.rules("10", DrawdownMode.STATIC, null, null));
        List<MarketPosition> positions = List.of(btc("1", "50000", "39000"));

        OrderOutcome outcome = desk.place(order("o1", Side.LONG, "0.1"), BTC, quote("38990", "39010"), account,
                positions, NOW);

        Rejection rejection = (Rejection) outcome.decision();
        assertThat(rejection.code()).isEqualTo(RejectCode.MAX_DRAWDOWN);
        assertThat(rejection.detail()).isEqualTo("equity 89000.00 < static drawdown floor 90000.00");
        assertThat(outcome.endsAssessment()).isTrue();
        assertThat(outcome.evaluation().account().status()).isEqualTo(AssessmentStatus.FAILED);
        assertThat(outcome.evaluation().liquidations()).hasSize(1);
    }

    @Test
    void shouldRejectAnOrderWhoseCostsWouldCrossTheFloorAndKeepTheAssessmentActive() {
        // Equity 90,010 with the floor at 90,000: buying 1 BTC at 65,075.01 costs 75.01 against the mid and 65.08
        // of fee.
        Account account = account(RiskEngineScenarioTest.rules("10", DrawdownMode.STATIC, null, null))
                .withBalance(Money.of("90010"), NOW);

        OrderOutcome outcome = desk.place(order("o1", Side.LONG, "1"), BTC, quote("64990", "65010"), account,
                List.of(), NOW);

        Rejection rejection = (Rejection) outcome.decision();
        assertThat(rejection.code()).isEqualTo(RejectCode.MAX_DRAWDOWN);
        assertThat(rejection.detail()).isEqualTo("after this order equity 89869.91 < static drawdown floor 90000.00");
        assertThat(outcome.evaluation()).isNull();
    }

    @Test
    void shouldFailTheAssessmentWhenAReducingOrdersFeeCrossesTheFloor() {
        // Equity 90,000.50 at mid 50,000; selling 1 BTC realizes at the bid and pays a 50 fee.
        Account account = account(RiskEngineScenarioTest.rules("10", DrawdownMode.STATIC, null, null))
                .withBalance(Money.of("90000.50"), NOW);
        List<MarketPosition> positions = List.of(btc("1", "50000", "50000"));

        OrderOutcome outcome = desk.place(order("o1", Side.SHORT, "1"), BTC, quote("50000", "50000"), account,
                positions, NOW);

        assertThat(outcome.decision()).isInstanceOf(Fill.class);
        assertThat(outcome.evaluation().isBreach()).isTrue();
        assertThat(outcome.evaluation().account().status()).isEqualTo(AssessmentStatus.FAILED);
        // The fill closed the only position: there is nothing left to liquidate.
        assertThat(outcome.evaluation().liquidations()).isEmpty();
    }

    @Test
    void shouldPassTheAssessmentWhenAFillReachesTheProfitTarget() {
        Account account = account(RiskEngineScenarioTest.rules(null, DrawdownMode.STATIC, null, "8"));
        List<MarketPosition> positions = List.of(btc("1", "50000", "57990"));

        // Selling at 58,200 x 0.999 realizes 8,141.80 and pays a 58.14 fee: balance 108,083.66.
        OrderOutcome outcome = desk.place(order("o1", Side.SHORT, "1"), BTC, quote("58200", "58220"), account,
                positions, NOW);

        assertThat(outcome.decision()).isInstanceOf(Fill.class);
        assertThat(outcome.evaluation().account().status()).isEqualTo(AssessmentStatus.PASSED);
    }

    @Test
    void shouldPassTheAssessmentAndRejectTheOrderWhenPricesReachedTheTarget() {
        Account account = account(RiskEngineScenarioTest.rules(null, DrawdownMode.STATIC, null, "8"));
        List<MarketPosition> positions = List.of(btc("1", "50000", "58000"));

        OrderOutcome outcome = desk.place(order("o1", Side.LONG, "0.1"), BTC, quote("57990", "58010"), account,
                positions, NOW);

        Rejection rejection = (Rejection) outcome.decision();
        assertThat(rejection.code()).isEqualTo(RejectCode.ASSESSMENT_NOT_ACTIVE);
        assertThat(rejection.detail()).isEqualTo("assessment A1 is PASSED (PROFIT_TARGET)");
        assertThat(outcome.evaluation().account().status()).isEqualTo(AssessmentStatus.PASSED);
    }

    @Test
    void shouldCheckOwnershipBeforeTheRules() {
        Account account = account(RiskEngineScenarioTest.rules("10", DrawdownMode.STATIC, null, null));

        OrderOutcome outcome = desk.place(new OrderRequest("o1", "A1", "mallory", "BTC/USD", Side.LONG,
                BigDecimal.ONE, NOW), BTC, quote("1", "1"), account, List.of(btc("1", "50000", "1")), NOW);

        assertThat(((Rejection) outcome.decision()).code()).isEqualTo(RejectCode.NOT_OWNER);
        assertThat(outcome.evaluation()).isNull();
    }

    private static MarketPosition btc(String quantity, String entry, String mark) {
        return new MarketPosition("BTC/USD", AssetClass.CRYPTO,
                new PositionState(Money.of(quantity), Money.of(entry), Money.ZERO, Money.ZERO), Money.of(mark));
    }

    private static Quote quote(String bid, String ask) {
        return new Quote(new BigDecimal(bid), new BigDecimal(ask), null, NOW);
    }

    private static OrderRequest order(String id, Side side, String quantity) {
        return new OrderRequest(id, "A1", "u1", "BTC/USD", side, new BigDecimal(quantity), NOW);
    }

    private static Account account(Rules rules) {
        return Account.open("A1", "u1", new BigDecimal("100000"), rules, NOW);
    }
}
