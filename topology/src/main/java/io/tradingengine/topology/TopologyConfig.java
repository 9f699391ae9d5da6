package io.tradingengine.topology;

import io.tradingengine.domain.CostSchedule;
import io.tradingengine.domain.ExecutionCosts;
import io.tradingengine.domain.PriceFreshness;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Objects;

/**
 * What the topology's behaviour depends on, parsed once by the application.
 *
 * @param cryptoSlippage slippage of crypto fills, a fraction of the price (CRYPTO_SLIPPAGE_PERCENT, 0.001)
 * @param cryptoFee fee rate of crypto fills, a fraction of the notional (CRYPTO_FEE_PERCENT, 0.001)
 * @param predictionSlippage slippage of prediction fills (PREDICTION_SLIPPAGE_PERCENT, 0.002)
 * @param predictionFee fee rate of prediction fills (PREDICTION_FEE_PERCENT, 0.002)
 * @param cryptoMaxPriceAge oldest crypto price an order fills against, else STALE_PRICE; ZERO (default) = unchecked
 * @param predictionMaxPriceAge same for prediction markets; ZERO (default) = unchecked
 * @param orderIdRetention how long an order id is remembered for deduplication (and served by
 *     {@code GET /orders/{id}}) after its first result; default {@link #DEFAULT_ORDER_ID_RETENTION}, must be positive
 */
public record TopologyConfig(BigDecimal cryptoSlippage, BigDecimal cryptoFee, BigDecimal predictionSlippage,
                             BigDecimal predictionFee, Duration cryptoMaxPriceAge, Duration predictionMaxPriceAge,
                             Duration orderIdRetention) {

    public static final BigDecimal DEFAULT_CRYPTO_SLIPPAGE = new BigDecimal("0.001");
    public static final BigDecimal DEFAULT_CRYPTO_FEE = new BigDecimal("0.001");
    public static final BigDecimal DEFAULT_PREDICTION_SLIPPAGE = new BigDecimal("0.002");
    public static final BigDecimal DEFAULT_PREDICTION_FEE = new BigDecimal("0.002");
    /**
     * Seven days: far longer than any client retries an order (the REST layer waits 2 s, producers retry for
     * minutes), and it bounds the order-results store to a week of orders.
     */
    public static final Duration DEFAULT_ORDER_ID_RETENTION = Duration.ofDays(7);

    /** @throws IllegalArgumentException naming the component when a rate is not in [0, 1) or an age is negative */
    public TopologyConfig {
        requireFraction("cryptoSlippage", cryptoSlippage);
        requireFraction("cryptoFee", cryptoFee);
        requireFraction("predictionSlippage", predictionSlippage);
        requireFraction("predictionFee", predictionFee);
        requireAge("cryptoMaxPriceAge", cryptoMaxPriceAge);
        requireAge("predictionMaxPriceAge", predictionMaxPriceAge);
        Objects.requireNonNull(orderIdRetention, "orderIdRetention");
        if (orderIdRetention.isNegative() || orderIdRetention.isZero()) {
            throw new IllegalArgumentException("orderIdRetention must be positive, was " + orderIdRetention);
        }
    }

    /** Rates and price ages as given, the default order-id retention. */
    public TopologyConfig(BigDecimal cryptoSlippage, BigDecimal cryptoFee, BigDecimal predictionSlippage,
                          BigDecimal predictionFee, Duration cryptoMaxPriceAge, Duration predictionMaxPriceAge) {
        this(cryptoSlippage, cryptoFee, predictionSlippage, predictionFee, cryptoMaxPriceAge, predictionMaxPriceAge,
                DEFAULT_ORDER_ID_RETENTION);
    }

    /** Rates as given, price ages unchecked. */
    public TopologyConfig(BigDecimal cryptoSlippage, BigDecimal cryptoFee, BigDecimal predictionSlippage,
                          BigDecimal predictionFee) {
        this(cryptoSlippage, cryptoFee, predictionSlippage, predictionFee, Duration.ZERO, Duration.ZERO);
    }

    /** DESIGN.md defaults: 0.001, 0.001, 0.002, 0.002; price ages unchecked. */
    public static TopologyConfig defaults() {
        return new TopologyConfig(DEFAULT_CRYPTO_SLIPPAGE, DEFAULT_CRYPTO_FEE, DEFAULT_PREDICTION_SLIPPAGE,
                DEFAULT_PREDICTION_FEE);
    }

    /** The same config with maximum price ages (ZERO = unchecked). */
    public TopologyConfig withMaxPriceAges(Duration crypto, Duration prediction) {
        return new TopologyConfig(cryptoSlippage, cryptoFee, predictionSlippage, predictionFee, crypto, prediction,
                orderIdRetention);
    }

    /** The same config with another order-id retention. */
    public TopologyConfig withOrderIdRetention(Duration retention) {
        return new TopologyConfig(cryptoSlippage, cryptoFee, predictionSlippage, predictionFee, cryptoMaxPriceAge,
                predictionMaxPriceAge, retention);
    }

    /** The rates as the domain's cost schedule. */
    public CostSchedule costs() {
        return new CostSchedule(new ExecutionCosts(cryptoSlippage, cryptoFee),
                new ExecutionCosts(predictionSlippage, predictionFee));
    }

    /** The price ages as the domain's freshness policy. */
    public PriceFreshness freshness() {
        return new PriceFreshness(cryptoMaxPriceAge, predictionMaxPriceAge);
    }

    private static void requireFraction(String name, BigDecimal value) {
        Objects.requireNonNull(value, name);
        if (value.signum() < 0 || value.compareTo(BigDecimal.ONE) >= 0) {
            throw new IllegalArgumentException(name + " must be a fraction in [0, 1), was " + value.toPlainString());
        }
    }

    private static void requireAge(String name, Duration value) {
        Objects.requireNonNull(value, name);
        if (value.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative, was " + value);
        }
    }
}
