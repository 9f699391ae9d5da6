package io.tradingengine.api.market;

import io.tradingengine.avro.PriceTick;
import io.tradingengine.schemas.Decimals;
import java.time.Instant;

/** GET /prices/{market} (DESIGN.md): the latest tick, prices as decimal strings (null when the source gave none). */
public record PriceResponse(String market, String source, String bid, String ask, String last, Instant timestamp) {

    public static PriceResponse of(PriceTick tick) {
        return new PriceResponse(tick.getMarket(), tick.getSource(), Decimals.text(tick.getBid()),
                Decimals.text(tick.getAsk()), Decimals.text(tick.getLast()), tick.getTimestamp());
    }
}
