package io.tradingengine.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The oldest price an order may fill against, per asset class. {@link Duration#ZERO} switches the check off for
 * that class (prediction venues may stay quiet for minutes while their book is still valid).
 *
 * @param crypto maximum age of a crypto price, ZERO = unchecked
 * @param prediction maximum age of a prediction price, ZERO = unchecked
 */
public record PriceFreshness(Duration crypto, Duration prediction) {

    public PriceFreshness {
        Objects.requireNonNull(crypto, "crypto");
        Objects.requireNonNull(prediction, "prediction");
        if (crypto.isNegative() || prediction.isNegative()) {
            throw new IllegalArgumentException("maximum price ages must not be negative");
        }
    }

    /** No age check for any class. */
    public static PriceFreshness unchecked() {
        return new PriceFreshness(Duration.ZERO, Duration.ZERO);
    }

    /** The maximum age for the class; ZERO means unchecked. */
    public Duration maxAge(AssetClass assetClass) {
        return assetClass == AssetClass.PREDICTION ? prediction : crypto;
    }

    /** True when the price observed at {@code observedAt} is older than the class allows at {@code now}. */
    public boolean isStale(AssetClass assetClass, Instant observedAt, Instant now) {
        Duration maxAge = maxAge(assetClass);
        return !maxAge.isZero() && observedAt != null && observedAt.plus(maxAge).isBefore(now);
    }
}
