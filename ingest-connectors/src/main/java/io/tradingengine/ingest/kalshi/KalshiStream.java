package io.tradingengine.ingest.kalshi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tradingengine.avro.Market;
import io.tradingengine.avro.MarketStatus;
import io.tradingengine.ingest.MarketIds;
import io.tradingengine.ingest.source.ErrorKind;
import io.tradingengine.ingest.source.Json;
import io.tradingengine.ingest.source.LiveQuote;
import io.tradingengine.ingest.source.ReconnectingWebSocket;
import io.tradingengine.ingest.source.SourceOutput;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The Kalshi WebSocket protocol: on open it subscribes to {@code ticker} (with the initial snapshot),
 * {@code orderbook_delta} and {@code market_lifecycle_v2} for the tracked tickers, one {@code subscribed} ack per
 * channel. Order books start from {@code orderbook_snapshot} and follow {@code orderbook_delta}s, checking the
 * per-subscription {@code seq}: a gap drops the books and asks for fresh snapshots
 * ({@code update_subscription} / {@code get_snapshot}); deltas are ignored until they arrive, and a connection
 * whose snapshots do not come within the idle timeout is replaced. Terminal errors (10 channel error, 25 buffer
 * overflow) reconnect, which resubscribes. Ticker, book and trade messages become ticks; lifecycle messages become
 * {@code Market} changes. Unknown types and malformed frames are counted, never fatal.
 */
public final class KalshiStream implements ReconnectingWebSocket.Handler {

    private static final Set<Integer> TERMINAL_ERRORS = Set.of(10, 25);
    private static final Set<String> IGNORED_TYPES = Set.of("ok", "unsubscribed", "event_lifecycle",
            "event_fee_update", "list_subscriptions", "multivariate_market_lifecycle");

    private final String source;
    private final Set<String> tickers;
    private final SourceOutput output;
    private final Duration resyncTimeout;
    private final Supplier<Map<String, String>> handshakeHeaders;
    private final Runnable onUp;
    private final Consumer<String> onDown;
    private final Map<Long, String> channels = new HashMap<>();
    private final Map<Long, Long> lastSeq = new HashMap<>();
    private final Map<String, KalshiOrderBook> books = new HashMap<>();
    private final Set<String> awaitingSnapshot = new HashSet<>();
    private long nextCommandId;
    private long resyncStartedNanos;
    private long resyncCommandId = -1;

    public KalshiStream(String source, List<String> tickers, SourceOutput output, Duration resyncTimeout,
            Supplier<Map<String, String>> handshakeHeaders, Runnable onUp, Consumer<String> onDown) {
        this.source = Objects.requireNonNull(source, "source");
        this.tickers = new LinkedHashSet<>(tickers);
        this.output = Objects.requireNonNull(output, "output");
        this.resyncTimeout = Objects.requireNonNull(resyncTimeout, "resyncTimeout");
        this.handshakeHeaders = Objects.requireNonNull(handshakeHeaders, "handshakeHeaders");
        this.onUp = Objects.requireNonNull(onUp, "onUp");
        this.onDown = Objects.requireNonNull(onDown, "onDown");
    }

    @Override
    public Map<String, String> handshakeHeaders() {
        return handshakeHeaders.get();
    }

    @Override
    public synchronized void onOpen(ReconnectingWebSocket.Session session) {
        // A new connection has new sids and restarts seq; books come again as snapshots.
        channels.clear();
        lastSeq.clear();
        books.clear();
        awaitingSnapshot.clear();
        awaitingSnapshot.addAll(tickers);
        nextCommandId = 0;
        resyncCommandId = -1;
        resyncStartedNanos = System.nanoTime();
        ObjectNode ticker = subscribe("ticker");
        ((ObjectNode) ticker.get("params")).put("send_initial_snapshot", true);
        session.send(Json.write(ticker));
        session.send(Json.write(subscribe("orderbook_delta")));
        ObjectNode lifecycle = command("subscribe");
        lifecycle.putObject("params").putArray("channels").add("market_lifecycle_v2");
        session.send(Json.write(lifecycle));
        onUp.run();
    }

    @Override
    public synchronized void onMessage(ReconnectingWebSocket.Session session, String text) {
        JsonNode frame = Json.parse(text);
        if (!frame.isObject()) {
            output.monitor().error(ErrorKind.MALFORMED, "frame is not an object: " + Json.snippet(text));
            return;
        }
        String type = Json.text(frame, "type");
        JsonNode msg = frame.path("msg");
        if (type == null) {
            output.monitor().error(ErrorKind.MALFORMED, "frame without type: " + Json.snippet(text));
            return;
        }
        switch (type) {
            case "subscribed":
                channels.put(msg.path("sid").asLong(), msg.path("channel").asText());
                break;
            case "ticker":
            case "ticker_v2":
                ticker(msg);
                break;
            case "orderbook_snapshot":
                snapshot(frame, msg);
                break;
            case "orderbook_delta":
                delta(session, frame, msg);
                break;
            case "trade":
                trade(msg);
                break;
            case "market_lifecycle_v2":
                lifecycle(msg);
                break;
            case "error":
                error(session, frame, msg);
                break;
            default:
                if (!IGNORED_TYPES.contains(type)) {
                    output.monitor().error(ErrorKind.UNKNOWN_EVENT, "message type '" + type + "'");
                }
        }
    }

    @Override
    public synchronized void onHeartbeat(ReconnectingWebSocket.Session session) {
        session.ping();
        if (!awaitingSnapshot.isEmpty() && System.nanoTime() - resyncStartedNanos > resyncTimeout.toNanos()) {
            output.monitor().error(ErrorKind.SEQUENCE_GAP, "no snapshot for " + awaitingSnapshot + " within "
                    + resyncTimeout.toMillis() + " ms; resubscribing");
            awaitingSnapshot.clear();
            session.reconnect("order-book snapshots did not come");
        }
    }

    @Override
    public void onDown(String reason) {
        onDown.accept(reason);
    }

    private void ticker(JsonNode msg) {
        String ticker = tracked(msg);
        if (ticker == null) {
            return;
        }
        LiveQuote quote = KalshiMarkets.quote(msg);
        output.quote(MarketIds.kalshi(ticker), source,
                current -> new LiveQuote(quote.bid(), quote.ask(), quote.last() != null ? quote.last()
                        : current.last()), KalshiMarkets.time(msg), true);
    }

    private void trade(JsonNode msg) {
        String ticker = tracked(msg);
        if (ticker == null) {
            return;
        }
        BigDecimal price = KalshiMarkets.price(msg, "yes_price_dollars", "yes_price");
        if (price != null) {
            output.quote(MarketIds.kalshi(ticker), source, current -> current.withLast(price),
                    KalshiMarkets.time(msg), true);
        }
    }

    private void snapshot(JsonNode frame, JsonNode msg) {
        long sid = frame.path("sid").asLong();
        JsonNode seq = frame.get("seq");
        if (seq != null && seq.canConvertToLong()) {
            lastSeq.put(sid, seq.asLong());
        }
        String ticker = tracked(msg);
        if (ticker == null) {
            return;
        }
        KalshiOrderBook book = KalshiOrderBook.snapshot(msg);
        books.put(ticker, book);
        awaitingSnapshot.remove(ticker);
        publishTop(ticker, book, null, true);
    }

    private void delta(ReconnectingWebSocket.Session session, JsonNode frame, JsonNode msg) {
        long sid = frame.path("sid").asLong();
        JsonNode seqNode = frame.get("seq");
        if (seqNode != null && seqNode.canConvertToLong()) {
            long seq = seqNode.asLong();
            Long previous = lastSeq.put(sid, seq);
            if (previous != null && seq != previous + 1) {
                gap(session, sid, previous + 1, seq);
                return;
            }
        }
        String ticker = tracked(msg);
        if (ticker == null) {
            return;
        }
        KalshiOrderBook book = books.get(ticker);
        if (book == null) {
            return; // Waiting for this market's snapshot.
        }
        book.apply(msg);
        publishTop(ticker, book, KalshiMarkets.time(msg), false);
    }

    private void gap(ReconnectingWebSocket.Session session, long sid, long expected, long got) {
        output.monitor().error(ErrorKind.SEQUENCE_GAP, "orderbook sid " + sid + " expected seq " + expected
                + ", got " + got + "; asking for fresh snapshots");
        books.clear();
        awaitingSnapshot.addAll(tickers);
        resyncStartedNanos = System.nanoTime();
        ObjectNode command = command("update_subscription");
        resyncCommandId = command.get("id").asLong();
        ObjectNode params = command.putObject("params");
        params.putArray("sids").add(sid);
        ArrayNode markets = params.putArray("market_tickers");
        tickers.forEach(markets::add);
        params.put("action", "get_snapshot");
        session.send(Json.write(command));
    }

    private void publishTop(String ticker, KalshiOrderBook book, Instant time, boolean always) {
        BigDecimal bid = book.bestBid();
        BigDecimal ask = book.bestAsk();
        output.quote(MarketIds.kalshi(ticker), source, current -> current.withTop(bid, ask), time, always);
    }

    private void lifecycle(JsonNode msg) {
        String ticker = tracked(msg);
        if (ticker == null) {
            return;
        }
        String event = Json.text(msg, "event_type");
        KalshiMarkets.StatusAndOutcome status;
        if (event == null) {
            output.monitor().error(ErrorKind.MALFORMED, "market_lifecycle_v2 without event_type");
            return;
        }
        switch (event) {
            case "determined":
            case "settled":
                if (Json.text(msg, "result") == null) {
                    return;
                }
                status = KalshiMarkets.resolution(Json.text(msg, "result"));
                break;
            case "deactivated":
                status = new KalshiMarkets.StatusAndOutcome(MarketStatus.HALTED, null);
                break;
            case "activated":
                status = new KalshiMarkets.StatusAndOutcome(MarketStatus.OPEN, null);
                break;
            case "created":
            case "close_date_updated":
            case "price_level_structure_updated":
            case "metadata_updated":
            case "fractional_trading_updated":
                return;
            default:
                output.monitor().error(ErrorKind.UNKNOWN_EVENT, "market_lifecycle_v2 event '" + event + "'");
                return;
        }
        Market previous = output.listed(MarketIds.kalshi(ticker));
        output.market(KalshiMarkets.record(ticker, status, previous == null ? null : previous.getTitle(),
                output.now(), source));
    }

    private void error(ReconnectingWebSocket.Session session, JsonNode frame, JsonNode msg) {
        int code = msg.path("code").asInt(-1);
        output.monitor().error(ErrorKind.API_ERROR, "error " + code + ": " + msg.path("msg").asText(""));
        if (TERMINAL_ERRORS.contains(code) || (resyncCommandId >= 0 && frame.path("id").asLong(-2)
                == resyncCommandId)) {
            session.reconnect("error " + code);
        }
    }

    private String tracked(JsonNode msg) {
        String ticker = Json.text(msg, "market_ticker");
        if (ticker == null) {
            ticker = Json.text(msg, "ticker");
        }
        if (ticker == null) {
            output.monitor().error(ErrorKind.MALFORMED, "message without market_ticker: "
                    + Json.snippet(msg.toString()));
            return null;
        }
        return tickers.contains(ticker) ? ticker : null;
    }

    private ObjectNode subscribe(String channel) {
        ObjectNode command = command("subscribe");
        ObjectNode params = command.putObject("params");
        params.putArray("channels").add(channel);
        ArrayNode markets = params.putArray("market_tickers");
        tickers.forEach(markets::add);
        return command;
    }

    private ObjectNode command(String cmd) {
        ObjectNode command = Json.mapper().createObjectNode();
        command.put("id", ++nextCommandId);
        command.put("cmd", cmd);
        return command;
    }
}
