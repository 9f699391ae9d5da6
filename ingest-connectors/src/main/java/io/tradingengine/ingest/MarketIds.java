package io.tradingengine.ingest;

import io.tradingengine.avro.AssetClass;

/**
 * Conventions of market ids (DESIGN.md): crypto pairs as {@code BTC/USD}; prediction contracts as
 * {@code kalshi:<ticker>} and {@code polymarket:<token id>}.
 */
public final class MarketIds {

    public static final String KALSHI_PREFIX = "kalshi:";
    public static final String POLYMARKET_PREFIX = "polymarket:";

    private MarketIds() {
    }

    /** The asset class a market id implies: a venue prefix means a prediction contract, anything else crypto. */
    public static AssetClass assetClassOf(String marketId) {
        return marketId.startsWith(KALSHI_PREFIX) || marketId.startsWith(POLYMARKET_PREFIX)
                ? AssetClass.PREDICTION
                : AssetClass.CRYPTO;
    }

    public static String kalshi(String ticker) {
        return KALSHI_PREFIX + ticker;
    }

    public static String polymarket(String tokenId) {
        return POLYMARKET_PREFIX + tokenId;
    }
}
