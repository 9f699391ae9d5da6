package io.tradingengine.api.market;

import io.tradingengine.avro.Market;
import java.time.Instant;

/** One market in GET /markets: listing, status and, once resolved, the outcome. */
public record MarketResponse(String market, String assetClass, String status, String outcome, String title,
                             String source, Instant updatedAt) {

    public static MarketResponse of(Market market) {
        return new MarketResponse(market.getMarket(), market.getAssetClass().name(), market.getStatus().name(),
                market.getOutcome(), market.getTitle(), market.getSource(), market.getUpdatedAt());
    }
}
