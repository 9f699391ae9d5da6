package io.tradingengine.ingest.polymarket;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tradingengine.avro.AssetClass;
import io.tradingengine.avro.Market;
import io.tradingengine.avro.MarketStatus;
import io.tradingengine.ingest.MarketIds;
import io.tradingengine.ingest.source.ErrorKind;
import io.tradingengine.ingest.source.Json;
import io.tradingengine.ingest.source.ReconnectingWebSocket;
import io.tradingengine.ingest.source.SourceOutput;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The Polymarket CLOB market channel: on every open it (re)subscribes with the tracked token ids
 * ({@code {"assets_ids": [...], "type": "market", "custom_feature_enabled": true}}); every heartbeat it sends the
 * text {@code PING} and ignores the {@code PONG}. A frame is one event or an array of events; {@code book} replaces
 * a token's book, {@code price_change} (the current {@code price_changes[]} shape and the pre-2025-09-15 one with
 * a top-level {@code asset_id} and {@code changes[]}) updates it, {@code best_bid_ask} and
 * {@code last_trade_price} update the quote; each becomes a tick. {@code market_resolved} resolves the tracked
 * tokens it names. There are no sequence numbers on this channel: a reconnect brings fresh books.
 */
public final class PolymarketStream implements ReconnectingWebSocket.Handler {

    private static final Set<String> IGNORED_TYPES = Set.of("tick_size_change", "new_market");

    private final String source;
    private final Set<String> tokens;
    private final SourceOutput output;
    private final Runnable onUp;
    private final Consumer<String> onDown;
    private final Map<String, PolymarketBook> books = new HashMap<>();

    public PolymarketStream(String source, List<String> tokenIds, SourceOutput output, Runnable onUp,
            Consumer<String> onDown) {
        this.source = Objects.requireNonNull(source, "source");
        this.tokens = new LinkedHashSet<>(tokenIds);
        this.output = Objects.requireNonNull(output, "output");
        this.onUp = Objects.requireNonNull(onUp, "onUp");
        this.onDown = Objects.requireNonNull(onDown, "onDown");
    }

    /** The subscribe message. */
    public String subscription() {
        ObjectNode message = Json.mapper().createObjectNode();
        ArrayNode assets = message.putArray("assets_ids");
        tokens.forEach(assets::add);
        message.put("type", "market");
        message.put("initial_dump", true);
        message.put("custom_feature_enabled", true);
        return Json.write(message);
    }

    @Override
    public synchronized void onOpen(ReconnectingWebSocket.Session session) {
        books.clear();
        session.send(subscription());
        onUp.run();
    }

    @Override
    public void onHeartbeat(ReconnectingWebSocket.Session session) {
        session.send("PING");
    }

    @Override
    public void onDown(String reason) {
        onDown.accept(reason);
    }

    @Override
    public synchronized void onMessage(ReconnectingWebSocket.Session session, String text) {
        String trimmed = text.trim();
        if (trimmed.equalsIgnoreCase("PONG")) {
            return;
        }
        if (trimmed.equalsIgnoreCase("PING")) {
            session.send("PONG");
            return;
        }
        JsonNode frame = Json.parse(trimmed);
        if (frame.isArray()) {
            for (JsonNode event : frame) {
                event(event);
            }
        } else {
            event(frame);
        }
    }

    private void event(JsonNode event) {
        if (!event.isObject()) {
            output.monitor().error(ErrorKind.MALFORMED, "event is not an object: " + Json.snippet(event.toString()));
            return;
        }
        String type = Json.text(event, "event_type");
        if (type == null) {
            output.monitor().error(ErrorKind.MALFORMED, "event without event_type: "
                    + Json.snippet(event.toString()));
            return;
        }
        try {
            switch (type) {
                case "book":
                    book(event);
                    break;
                case "price_change":
                    priceChange(event);
                    break;
                case "best_bid_ask":
                    bestBidAsk(event);
                    break;
                case "last_trade_price":
                    lastTrade(event);
                    break;
                case "market_resolved":
                    resolved(event);
                    break;
                default:
                    if (!IGNORED_TYPES.contains(type)) {
                        output.monitor().error(ErrorKind.UNKNOWN_EVENT, "event_type '" + type + "'");
                    }
            }
        } catch (RuntimeException e) {
            // One bad event of an array must not lose the others.
            output.monitor().error(ErrorKind.MALFORMED, type + ": " + e.getMessage());
        }
    }

    private void book(JsonNode event) {
        String token = tracked(Json.text(event, "asset_id"));
        if (token == null) {
            return;
        }
        PolymarketBook book = PolymarketBook.of(event);
        books.put(token, book);
        BigDecimal last = positive(Json.decimal(event, "last_trade_price"));
        output.quote(MarketIds.polymarket(token), source,
                current -> current.withTop(positive(book.bestBid()), positive(book.bestAsk())).withLast(last),
                Json.epochMillis(event.get("timestamp")), true);
    }

    private void priceChange(JsonNode event) {
        Instant time = Json.epochMillis(event.get("timestamp"));
        JsonNode changes = event.get("price_changes");
        if (changes != null && changes.isArray()) {
            for (JsonNode change : changes) {
                String token = tracked(Json.text(change, "asset_id"));
                if (token != null) {
                    applyChange(token, change, Json.decimal(change, "best_bid"), Json.decimal(change, "best_ask"),
                            time);
                }
            }
            return;
        }
        JsonNode legacy = event.get("changes");
        if (legacy == null || !legacy.isArray()) {
            output.monitor().error(ErrorKind.MALFORMED, "price_change without price_changes or changes");
            return;
        }
        String token = tracked(Json.text(event, "asset_id"));
        if (token == null) {
            return;
        }
        for (JsonNode change : legacy) {
            applyChange(token, change, null, null, time);
        }
    }

    private void applyChange(String token, JsonNode change, BigDecimal bestBid, BigDecimal bestAsk, Instant time) {
        PolymarketBook book = books.computeIfAbsent(token, key -> new PolymarketBook());
        book.set(Json.text(change, "side"), Json.decimal(change, "price"), Json.decimal(change, "size"));
        // The event's own best prices are authoritative; the book we keep fills in for the older shape.
        BigDecimal bid = bestBid != null || bestAsk != null ? bestBid : book.bestBid();
        BigDecimal ask = bestBid != null || bestAsk != null ? bestAsk : book.bestAsk();
        output.quote(MarketIds.polymarket(token), source, current -> current.withTop(positive(bid), positive(ask)),
                time, false);
    }

    private void bestBidAsk(JsonNode event) {
        String token = tracked(Json.text(event, "asset_id"));
        if (token == null) {
            return;
        }
        BigDecimal bid = positive(Json.decimal(event, "best_bid"));
        BigDecimal ask = positive(Json.decimal(event, "best_ask"));
        output.quote(MarketIds.polymarket(token), source, current -> current.withTop(bid, ask),
                Json.epochMillis(event.get("timestamp")), true);
    }

    private void lastTrade(JsonNode event) {
        String token = tracked(Json.text(event, "asset_id"));
        BigDecimal price = positive(Json.decimal(event, "price"));
        if (token == null || price == null) {
            return;
        }
        output.quote(MarketIds.polymarket(token), source, current -> current.withLast(price),
                Json.epochMillis(event.get("timestamp")), true);
    }

    private void resolved(JsonNode event) {
        String winner = Json.text(event, "winning_asset_id");
        List<String> assets = GammaStatus.stringList(event.get("assets_ids"));
        if (winner == null) {
            output.monitor().error(ErrorKind.MALFORMED, "market_resolved without winning_asset_id");
            return;
        }
        for (String asset : assets) {
            String token = tracked(asset);
            if (token == null) {
                continue;
            }
            Market previous = output.listed(MarketIds.polymarket(token));
            output.market(Market.newBuilder()
                    .setMarket(MarketIds.polymarket(token))
                    .setAssetClass(AssetClass.PREDICTION)
                    .setStatus(MarketStatus.RESOLVED)
                    .setOutcome(token.equals(winner) ? "YES" : "NO")
                    .setUpdatedAt(output.now())
                    .setTitle(previous == null ? Json.text(event, "question") : previous.getTitle())
                    .setSource(source)
                    .build());
        }
    }

    private String tracked(String token) {
        return token != null && tokens.contains(token) ? token : null;
    }

    private static BigDecimal positive(BigDecimal price) {
        return price == null || price.signum() <= 0 ? null : price;
    }
}
