package io.tradingengine.api.query;

import io.tradingengine.avro.Position;
import io.tradingengine.avro.PriceTick;
import io.tradingengine.avro.internal.AssessmentState;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the stores hold about one assessment at one moment: its state, its positions (ordered by market) and the
 * latest tick of each position's market.
 *
 * @param assessment the assessments-store value
 * @param positions the positions-store values of the assessment
 * @param prices latest tick by market id, for the markets of {@code positions} that have one
 */
public record AccountSnapshot(AssessmentState assessment, List<Position> positions, Map<String, PriceTick> prices) {

    public AccountSnapshot {
        Objects.requireNonNull(assessment, "assessment");
        positions = List.copyOf(positions);
        prices = Map.copyOf(prices);
    }
}
