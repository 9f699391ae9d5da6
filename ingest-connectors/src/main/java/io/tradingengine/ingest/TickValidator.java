package io.tradingengine.ingest;

import io.tradingengine.avro.AssetClass;
import io.tradingengine.avro.PriceTick;
import java.math.BigDecimal;
import java.util.Optional;

/**
 * The rules a tick must pass before it is published: a market, a source and a time; at least one price; every
 * price positive; prediction prices at most 1; the bid not above the ask.
 */
public final class TickValidator {

    private TickValidator() {
    }

    /** The first rule {@code tick} breaks for a market of {@code assetClass}, or empty when it is good. */
    public static Optional<TickRejection> check(PriceTick tick, AssetClass assetClass) {
        if (tick.getMarket() == null || tick.getMarket().isBlank()) {
            return Optional.of(TickRejection.MISSING_MARKET);
        }
        if (tick.getSource() == null || tick.getSource().isBlank()) {
            return Optional.of(TickRejection.MISSING_SOURCE);
        }
        if (tick.getTimestamp() == null) {
            return Optional.of(TickRejection.MISSING_TIMESTAMP);
        }
        BigDecimal bid = tick.getBid();
        BigDecimal ask = tick.getAsk();
        BigDecimal last = tick.getLast();
        if (bid == null && ask == null && last == null) {
            return Optional.of(TickRejection.NO_PRICE);
        }
        if (!positive(bid) || !positive(ask) || !positive(last)) {
            return Optional.of(TickRejection.NON_POSITIVE_PRICE);
        }
        if (assetClass == AssetClass.PREDICTION && (aboveOne(bid) || aboveOne(ask) || aboveOne(last))) {
            return Optional.of(TickRejection.PREDICTION_PRICE_ABOVE_ONE);
        }
        if (bid != null && ask != null && bid.compareTo(ask) > 0) {
            return Optional.of(TickRejection.CROSSED_BOOK);
        }
        return Optional.empty();
    }

    private static boolean positive(BigDecimal price) {
        return price == null || price.signum() > 0;
    }

    private static boolean aboveOne(BigDecimal price) {
        return price != null && price.compareTo(BigDecimal.ONE) > 0;
    }
}
