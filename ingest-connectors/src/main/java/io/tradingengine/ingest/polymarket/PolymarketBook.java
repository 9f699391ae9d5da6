package io.tradingengine.ingest.polymarket;

import com.fasterxml.jackson.databind.JsonNode;
import io.tradingengine.ingest.source.ErrorKind;
import io.tradingengine.ingest.source.Json;
import io.tradingengine.ingest.source.SourceException;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * One CLOB token's order book: bid and ask sizes by price. A {@code book} message replaces it; a
 * {@code price_change} sets the new aggregate size at one level ({@code "0"} removes it). Level order in messages
 * is not relied on: the best bid is the highest bid price, the best ask the lowest ask price. Not thread-safe.
 */
public final class PolymarketBook {

    private final NavigableMap<BigDecimal, BigDecimal> bids = new TreeMap<>();
    private final NavigableMap<BigDecimal, BigDecimal> asks = new TreeMap<>();

    /** The book of a {@code book} message ({@code bids}/{@code asks} arrays of {@code {price, size}}). */
    public static PolymarketBook of(JsonNode book) {
        PolymarketBook result = new PolymarketBook();
        load(result.bids, book.get("bids"));
        load(result.asks, book.get("asks"));
        return result;
    }

    /** Sets the size at a level; {@code side} is BUY (a bid) or SELL (an ask); a null or zero size removes it. */
    public void set(String side, BigDecimal price, BigDecimal size) {
        String normalized = side == null ? "" : side.toUpperCase(Locale.ROOT);
        NavigableMap<BigDecimal, BigDecimal> levels;
        if (normalized.equals("BUY")) {
            levels = bids;
        } else if (normalized.equals("SELL")) {
            levels = asks;
        } else {
            throw new SourceException(ErrorKind.MALFORMED, "price_change side '" + side + "'");
        }
        if (price == null) {
            throw new SourceException(ErrorKind.MALFORMED, "price_change without price");
        }
        if (size == null || size.signum() <= 0) {
            levels.remove(price);
        } else {
            levels.put(price, size);
        }
    }

    public BigDecimal bestBid() {
        return bids.isEmpty() ? null : bids.lastKey();
    }

    public BigDecimal bestAsk() {
        return asks.isEmpty() ? null : asks.firstKey();
    }

    private static void load(NavigableMap<BigDecimal, BigDecimal> levels, JsonNode list) {
        if (list == null || list.isNull()) {
            return;
        }
        if (!list.isArray()) {
            throw new SourceException(ErrorKind.MALFORMED, "book side is not an array");
        }
        for (JsonNode level : list) {
            BigDecimal price = Json.decimal(level, "price");
            BigDecimal size = Json.decimal(level, "size");
            if (price == null) {
                throw new SourceException(ErrorKind.MALFORMED, "book level without price: " + level);
            }
            if (size != null && size.signum() > 0) {
                levels.put(price, size);
            }
        }
    }
}
