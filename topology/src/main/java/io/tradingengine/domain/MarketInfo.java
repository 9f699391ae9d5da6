package io.tradingengine.domain;

import java.util.Objects;

/**
 * What the order path needs to know of a market.
 *
 * @param market market id ({@code BTC/USD}, {@code kalshi:<ticker>}, {@code polymarket:<token id>})
 * @param assetClass crypto or prediction
 * @param status trading status
 */
public record MarketInfo(String market, AssetClass assetClass, MarketStatus status) {

    public MarketInfo {
        Objects.requireNonNull(market, "market");
        Objects.requireNonNull(assetClass, "assetClass");
        Objects.requireNonNull(status, "status");
    }
}
