package io.tradingengine.topology;

import io.tradingengine.avro.Assessment;
import io.tradingengine.avro.AssetClass;
import io.tradingengine.avro.Market;
import io.tradingengine.avro.MarketStatus;
import io.tradingengine.avro.PriceTick;
import io.tradingengine.domain.Money;
import java.math.BigDecimal;
import java.time.DateTimeException;

/**
 * Validation of the input records that have no answer of their own (an invalid order gets an INVALID_ORDER
 * result instead): each check returns what is wrong, or null when the record is valid. A record that fails goes to
 * its topic's dead-letter topic with the message in the {@link DeadLetters#MESSAGE} header.
 */
final class RecordChecks {

    private RecordChecks() {
    }

    /** An assessment record: ids, owner, a positive starting balance and well-formed rules. */
    static String assessment(String key, Assessment assessment) {
        String id = assessment.getAssessmentId();
        if (isBlank(id)) {
            return "assessmentId is missing";
        }
        if (id.indexOf('/') >= 0) {
            return "assessmentId must not contain '/'";
        }
        if (!id.equals(key)) {
            return "record key " + key + " does not match assessmentId " + id;
        }
        if (isBlank(assessment.getUserId())) {
            return "userId is missing";
        }
        if (!Money.isPositive(assessment.getStartingBalance())) {
            return "startingBalance must be > 0";
        }
        if (assessment.getRules() == null) {
            return "rules are missing";
        }
        try {
            AvroMapping.rules(assessment.getRules());
        } catch (DateTimeException | IllegalArgumentException e) {
            return "bad rules: " + e.getMessage();
        }
        return null;
    }

    /**
     * A price tick: keyed by its market, prices not negative, at least one strictly positive, and a prediction
     * price (when the market is listed as one) not above 1.
     *
     * @param listed the market's latest record, or null when it is not listed (yet)
     */
    static String tick(String key, PriceTick tick, Market listed) {
        if (isBlank(tick.getMarket())) {
            return "market is missing";
        }
        if (!tick.getMarket().equals(key)) {
            return "record key " + key + " does not match market " + tick.getMarket();
        }
        BigDecimal[] prices = {tick.getBid(), tick.getAsk(), tick.getLast()};
        boolean anyPositive = false;
        for (BigDecimal price : prices) {
            if (price == null) {
                continue;
            }
            if (price.signum() < 0) {
                return "price must not be negative, was " + Money.plain(price);
            }
            if (listed != null && listed.getAssetClass() == AssetClass.PREDICTION
                    && price.compareTo(BigDecimal.ONE) > 0) {
                return "prediction price must be <= 1, was " + Money.plain(price);
            }
            anyPositive |= price.signum() > 0;
        }
        return anyPositive ? null : "no positive bid, ask or last";
    }

    /**
     * A market record: keyed by its market; a RESOLVED market has the outcome YES or NO; only prediction markets
     * resolve or are cancelled.
     */
    static String market(String key, Market market) {
        if (isBlank(market.getMarket())) {
            return "market is missing";
        }
        if (!market.getMarket().equals(key)) {
            return "record key " + key + " does not match market " + market.getMarket();
        }
        MarketStatus status = market.getStatus();
        boolean ending = status == MarketStatus.RESOLVED || status == MarketStatus.CANCELLED;
        if (ending && market.getAssetClass() != AssetClass.PREDICTION) {
            return "only prediction markets can be " + status + ", " + key + " is " + market.getAssetClass();
        }
        boolean decided = "YES".equals(market.getOutcome()) || "NO".equals(market.getOutcome());
        if (status == MarketStatus.RESOLVED && !decided) {
            return "a RESOLVED market needs the outcome YES or NO, was " + market.getOutcome();
        }
        return null;
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
