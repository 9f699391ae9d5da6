package io.tradingengine.ingest.kalshi;

import com.fasterxml.jackson.databind.JsonNode;
import io.tradingengine.avro.AssetClass;
import io.tradingengine.avro.Market;
import io.tradingengine.avro.MarketStatus;
import io.tradingengine.ingest.MarketIds;
import io.tradingengine.ingest.source.Json;
import io.tradingengine.ingest.source.LiveQuote;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Locale;

/**
 * Kalshi's fields as the engine reads them. Prices: the current fixed-point dollar strings ({@code "0.5600"} in
 * {@code yes_bid_dollars}, {@code price_dollars}, ...) first, the removed integer-cent fields ({@code yes_bid},
 * {@code price}, ...) as a fallback; a zero bid or price means "none". Statuses: {@code active} is OPEN;
 * {@code determined}/{@code finalized} (and the older {@code settled}) with result yes or no are RESOLVED; a void
 * result or status is CANCELLED; {@code closed}, {@code disputed}, {@code amended} and a determination without a
 * binary result are CLOSED; {@code initialized}, {@code inactive}, {@code unopened} and {@code paused} are HALTED.
 */
public final class KalshiMarkets {

    /** A status and, when resolved, its outcome. */
    public record StatusAndOutcome(MarketStatus status, String outcome) {
    }

    private KalshiMarkets() {
    }

    /** A price in dollars from {@code dollarsField}, else from the cents in {@code centsField}; zero is null. */
    public static BigDecimal price(JsonNode node, String dollarsField, String centsField) {
        BigDecimal dollars = Json.decimal(node, dollarsField);
        if (dollars == null && centsField != null) {
            BigDecimal cents = Json.decimal(node, centsField);
            dollars = cents == null ? null : cents.movePointLeft(2);
        }
        return dollars == null || dollars.signum() <= 0 ? null : dollars;
    }

    /** The top of book and last price of a REST {@code Market} or a WebSocket {@code ticker} message. */
    public static LiveQuote quote(JsonNode node) {
        BigDecimal last = price(node, "last_price_dollars", "last_price");
        if (last == null) {
            last = price(node, "price_dollars", "price");
        }
        return new LiveQuote(price(node, "yes_bid_dollars", "yes_bid"), price(node, "yes_ask_dollars", "yes_ask"),
                last);
    }

    /** The engine status of a Kalshi market status and result, or null for a status it does not know. */
    public static StatusAndOutcome status(String status, String result) {
        String s = status == null ? "" : status.toLowerCase(Locale.ROOT);
        String r = result == null ? "" : result.toLowerCase(Locale.ROOT);
        if (r.equals("void") || r.equals("voided") || s.equals("voided") || s.equals("void")) {
            return new StatusAndOutcome(MarketStatus.CANCELLED, null);
        }
        switch (s) {
            case "active":
            case "open":
                return new StatusAndOutcome(MarketStatus.OPEN, null);
            case "initialized":
            case "inactive":
            case "unopened":
            case "paused":
                return new StatusAndOutcome(MarketStatus.HALTED, null);
            case "closed":
            case "disputed":
            case "amended":
                return new StatusAndOutcome(MarketStatus.CLOSED, null);
            case "determined":
            case "finalized":
            case "settled":
                return resolution(r);
            default:
                return null;
        }
    }

    /** A determination: YES or NO resolves; anything else (scalar, pending) leaves the market CLOSED. */
    public static StatusAndOutcome resolution(String result) {
        String r = result == null ? "" : result.toLowerCase(Locale.ROOT);
        if (r.equals("yes")) {
            return new StatusAndOutcome(MarketStatus.RESOLVED, "YES");
        }
        if (r.equals("no")) {
            return new StatusAndOutcome(MarketStatus.RESOLVED, "NO");
        }
        if (r.equals("void") || r.equals("voided")) {
            return new StatusAndOutcome(MarketStatus.CANCELLED, null);
        }
        return new StatusAndOutcome(MarketStatus.CLOSED, null);
    }

    /** The {@code Market} record of a REST market, or null when its status is unknown. */
    public static Market market(JsonNode market, Instant now, String source) {
        String ticker = Json.requiredText(market, "ticker");
        StatusAndOutcome status = status(Json.text(market, "status"), Json.text(market, "result"));
        if (status == null) {
            return null;
        }
        return record(ticker, status, title(market), now, source);
    }

    /** A {@code Market} record of a Kalshi ticker. */
    public static Market record(String ticker, StatusAndOutcome status, String title, Instant now, String source) {
        return Market.newBuilder()
                .setMarket(MarketIds.kalshi(ticker))
                .setAssetClass(AssetClass.PREDICTION)
                .setStatus(status.status())
                .setOutcome(status.outcome())
                .setUpdatedAt(now)
                .setTitle(title)
                .setSource(source)
                .build();
    }

    private static String title(JsonNode market) {
        String title = Json.text(market, "title");
        return title != null ? title : Json.text(market, "yes_sub_title");
    }

    /** The message time: {@code ts_ms}, else {@code ts} (seconds, or RFC 3339 in older deltas), else null. */
    public static Instant time(JsonNode msg) {
        Instant millis = Json.epochMillis(msg.get("ts_ms"));
        if (millis != null) {
            return millis;
        }
        JsonNode ts = msg.get("ts");
        if (ts != null && ts.isTextual() && ts.asText().contains("T")) {
            return Json.isoInstant(ts);
        }
        return Json.epochSeconds(ts);
    }
}
