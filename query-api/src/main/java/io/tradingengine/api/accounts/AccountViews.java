package io.tradingengine.api.accounts;

import io.tradingengine.api.query.AccountSnapshot;
import io.tradingengine.avro.DrawdownMode;
import io.tradingengine.avro.Position;
import io.tradingengine.avro.PriceTick;
import io.tradingengine.avro.internal.AssessmentState;
import io.tradingengine.domain.Holding;
import io.tradingengine.domain.Valuation;
import io.tradingengine.schemas.Decimals;
import io.tradingengine.topology.AvroMapping;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the response records of an account from a store snapshot, valuing positions with the topology's own
 * {@link Valuation} (mark = mid, else last) so the API shows the same equity the risk checks use.
 */
public final class AccountViews {

    private AccountViews() {
    }

    public static AssessmentResponse assessment(AccountSnapshot snapshot) {
        AssessmentState state = snapshot.assessment();
        Valuation valuation = value(snapshot);
        BigDecimal equity = valuation.equity();
        BigDecimal reference = state.getRules().getDrawdownMode() == DrawdownMode.TRAILING
                ? state.getPeakEquity() : state.getStartingBalance();
        return new AssessmentResponse(state.getAssessmentId(), state.getUserId(), state.getStatus().name(),
                Decimals.text(state.getStartingBalance()), Decimals.text(state.getBalance()), Decimals.text(equity),
                Decimals.text(state.getPeakEquity()), Decimals.text(shortfall(state.getDayStartEquity(), equity)),
                Decimals.text(shortfall(reference, equity)), state.getReason(), RulesResponse.of(state.getRules()),
                state.getCreatedAt(), state.getUpdatedAt());
    }

    public static PositionsResponse positions(AccountSnapshot snapshot) {
        List<PositionResponse> positions = new ArrayList<>();
        for (Position position : snapshot.positions()) {
            Holding holding = holding(snapshot, position);
            positions.add(new PositionResponse(position.getMarket(), position.getAssetClass().name(),
                    Decimals.text(position.getQuantity()), Decimals.text(position.getAverageEntryPrice()),
                    Decimals.text(holding.markPrice()), Decimals.text(holding.unrealizedPnl()),
                    Decimals.text(position.getRealizedPnl()), Decimals.text(position.getFees())));
        }
        Valuation valuation = value(snapshot);
        return new PositionsResponse(snapshot.assessment().getAssessmentId(), Decimals.text(valuation.balance()),
                Decimals.text(valuation.equity()), positions);
    }

    private static Valuation value(AccountSnapshot snapshot) {
        List<Holding> holdings = snapshot.positions().stream().map(p -> holding(snapshot, p)).toList();
        return Valuation.of(snapshot.assessment().getBalance(), holdings);
    }

    private static Holding holding(AccountSnapshot snapshot, Position position) {
        PriceTick tick = snapshot.prices().get(position.getMarket());
        return AvroMapping.holding(position, tick);
    }

    /** How far {@code value} is below {@code reference}; 0 when it is not below. */
    private static BigDecimal shortfall(BigDecimal reference, BigDecimal value) {
        BigDecimal gap = reference.subtract(value);
        return gap.signum() > 0 ? gap : BigDecimal.ZERO;
    }
}
