package io.tradingengine.api.accounts;

import java.util.List;

/** GET /positions (DESIGN.md): balance, equity and every position of an assessment. */
public record PositionsResponse(String assessmentId, String balance, String equity, List<PositionResponse> positions) {
}
