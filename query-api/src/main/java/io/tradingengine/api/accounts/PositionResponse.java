package io.tradingengine.api.accounts;

/** One position in GET /positions (DESIGN.md); {@code markPrice} is null when the market has no price. */
public record PositionResponse(String market, String assetClass, String quantity, String averageEntryPrice,
                               String markPrice, String unrealizedPnl, String realizedPnl, String fees) {
}
