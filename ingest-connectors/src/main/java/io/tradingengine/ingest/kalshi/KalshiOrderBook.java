package io.tradingengine.ingest.kalshi;

import com.fasterxml.jackson.databind.JsonNode;
import io.tradingengine.ingest.source.ErrorKind;
import io.tradingengine.ingest.source.Json;
import io.tradingengine.ingest.source.SourceException;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * One Kalshi market's order book: YES bids and NO bids by price in dollars (Kalshi lists only bids; a NO bid at p
 * is a YES ask at 1 - p). Built from an {@code orderbook_snapshot} and kept by {@code orderbook_delta}s, in the
 * current fixed-point shape ({@code yes_dollars_fp}, {@code price_dollars}, {@code delta_fp}) or the older ones
 * ({@code yes_dollars}; {@code yes}, {@code price}, {@code delta} in cents and whole contracts). Not thread-safe:
 * one WebSocket connection owns it.
 */
public final class KalshiOrderBook {

    private final NavigableMap<BigDecimal, BigDecimal> yes = new TreeMap<>();
    private final NavigableMap<BigDecimal, BigDecimal> no = new TreeMap<>();

    /** The book of a snapshot message's {@code msg}. */
    public static KalshiOrderBook snapshot(JsonNode msg) {
        KalshiOrderBook book = new KalshiOrderBook();
        book.load(book.yes, msg, "yes");
        book.load(book.no, msg, "no");
        return book;
    }

    /** Applies a delta message's {@code msg}: a signed change of the size at (side, price). */
    public void apply(JsonNode msg) {
        String side = Json.requiredText(msg, "side").toLowerCase(Locale.ROOT);
        NavigableMap<BigDecimal, BigDecimal> levels;
        if (side.equals("yes")) {
            levels = yes;
        } else if (side.equals("no")) {
            levels = no;
        } else {
            throw new SourceException(ErrorKind.MALFORMED, "orderbook_delta side '" + side + "'");
        }
        BigDecimal price = Json.decimal(msg, "price_dollars");
        if (price == null) {
            BigDecimal cents = Json.decimal(msg, "price");
            price = cents == null ? null : cents.movePointLeft(2);
        }
        BigDecimal delta = Json.decimal(msg, "delta_fp");
        if (delta == null) {
            delta = Json.decimal(msg, "delta");
        }
        if (price == null || delta == null) {
            throw new SourceException(ErrorKind.MALFORMED, "orderbook_delta without price or delta: "
                    + Json.snippet(msg.toString()));
        }
        BigDecimal size = levels.getOrDefault(price, BigDecimal.ZERO).add(delta);
        if (size.signum() > 0) {
            levels.put(price, size);
        } else {
            levels.remove(price);
        }
    }

    /** The best YES bid, or null when there is none. */
    public BigDecimal bestBid() {
        return yes.isEmpty() ? null : yes.lastKey();
    }

    /** The best YES ask (1 - best NO bid), or null when there is none. */
    public BigDecimal bestAsk() {
        return no.isEmpty() ? null : BigDecimal.ONE.subtract(no.lastKey());
    }

    private void load(NavigableMap<BigDecimal, BigDecimal> levels, JsonNode msg, String side) {
        JsonNode fixedPoint = msg.get(side + "_dollars_fp");
        JsonNode dollars = fixedPoint != null ? fixedPoint : msg.get(side + "_dollars");
        JsonNode cents = dollars != null ? null : msg.get(side);
        JsonNode list = dollars != null ? dollars : cents;
        if (list == null || list.isNull()) {
            return; // Kalshi omits a side without orders.
        }
        if (!list.isArray()) {
            throw new SourceException(ErrorKind.MALFORMED, "orderbook side " + side + " is not an array");
        }
        for (JsonNode level : list) {
            if (!level.isArray() || level.size() < 2) {
                throw new SourceException(ErrorKind.MALFORMED, "orderbook level " + level);
            }
            BigDecimal price = Json.decimal(level.get(0));
            BigDecimal size = Json.decimal(level.get(1));
            if (price == null || size == null) {
                throw new SourceException(ErrorKind.MALFORMED, "orderbook level " + level);
            }
            if (cents != null) {
                price = price.movePointLeft(2);
            }
            if (size.signum() > 0) {
                levels.merge(price, size, BigDecimal::add);
            }
        }
    }
}
