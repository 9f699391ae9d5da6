package io.tradingengine.ingest.coingecko;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One crypto price as a polled API reports it.
 *
 * @param market    the market id ({@code BTC/USD})
 * @param price     the price in the quote currency
 * @param updatedAt when the vendor last updated it, or null when it did not say
 */
public record CryptoQuote(String market, BigDecimal price, Instant updatedAt) {
}
