package io.tradingengine.ingest.kalshi;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.tradingengine.avro.Market;
import io.tradingengine.ingest.IngestSettings;
import io.tradingengine.ingest.MarketIds;
import io.tradingengine.ingest.PricePublisher;
import io.tradingengine.ingest.source.Backoff;
import io.tradingengine.ingest.source.ErrorKind;
import io.tradingengine.ingest.source.HttpJson;
import io.tradingengine.ingest.source.LiveQuote;
import io.tradingengine.ingest.source.ReconnectingWebSocket;
import io.tradingengine.ingest.source.SourceConnector;
import io.tradingengine.ingest.source.SourceResilience;
import io.tradingengine.ingest.source.SourceResilience.Outcome;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kalshi prediction markets: the WebSocket ({@link KalshiStream}) is the real-time source; REST
 * {@code GET /markets} is polled only while the WebSocket is down (gated), and once at start to list the markets
 * with their status and title (the WebSocket has no listing). When a key is configured the handshake and the REST
 * calls carry Kalshi's RSA-PSS signature headers. Market ids are {@code kalshi:<ticker>}, prices are the YES
 * share's in dollars.
 */
public final class KalshiConnector extends SourceConnector {

    /** The feed name and tick source. */
    public static final String SOURCE = "kalshi";

    private static final Logger LOG = LoggerFactory.getLogger(KalshiConnector.class);
    private static final String WEBSOCKET_DOWN = "websocket";
    private static final String REST_DOWN = "rest";

    private final IngestSettings.Kalshi settings;
    private final IngestSettings.Resilience resilience;
    private final KalshiSigner signer;
    private final KalshiRestApi rest;
    private final SourceResilience restGuard;
    private final HttpClient client;
    private final Clock clock;
    private final AtomicLong restPolls = new AtomicLong();
    private final AtomicLong restCycles = new AtomicLong();
    private volatile boolean listed;
    private ReconnectingWebSocket webSocket;
    private ScheduledExecutorService scheduler;

    public KalshiConnector(IngestSettings settings, PricePublisher publisher, MeterRegistry meters, Clock clock) {
        super(SOURCE, publisher, meters, clock, settings.maxTickAge(), 2);
        this.settings = settings.kalshi();
        if (this.settings.tickers().isEmpty()) {
            throw new IllegalArgumentException(IngestSettings.KALSHI_TICKERS + " lists no ticker");
        }
        this.resilience = settings.resilience();
        this.clock = clock;
        this.signer = this.settings.signed()
                ? KalshiSigner.load(this.settings.apiKeyId(), this.settings.privateKeyPath()) : null;
        this.client = HttpJson.newClient(resilience.httpTimeout());
        this.rest = new KalshiRestApi(this.settings.restUrl(), this.settings.tickers(),
                new HttpJson(client, resilience.httpTimeout(), clock), signer, clock);
        this.restGuard = new SourceResilience(SOURCE, resilience, this.settings.rateLimitPerMinute(), monitor());
    }

    /** REST polls made since start (the listing included). */
    public long restPolls() {
        return restPolls.get();
    }

    /** REST poll cycles since start, including those skipped because the WebSocket was up. */
    public long restCycles() {
        return restCycles.get();
    }

    /** True while the WebSocket is connected. */
    public boolean webSocketOpen() {
        return webSocket != null && webSocket.isOpen();
    }

    @Override
    protected void onStart(ScheduledExecutorService executor) {
        this.scheduler = executor;
        KalshiStream stream = new KalshiStream(SOURCE, settings.tickers(), output(), resilience.idleTimeout(),
                this::handshakeHeaders, () -> monitor().restored(WEBSOCKET_DOWN), this::webSocketDown);
        webSocket = new ReconnectingWebSocket(settings.wsUrl(), client, executor, monitor(),
                new Backoff(resilience.reconnectMinBackoff(), resilience.reconnectMaxBackoff()),
                resilience.httpTimeout(), resilience.heartbeatInterval(), resilience.idleTimeout(), stream);
        webSocket.start();
        schedule(Duration.ZERO);
    }

    @Override
    protected void onStop() {
        if (webSocket != null) {
            webSocket.stop();
        }
    }

    private Map<String, String> handshakeHeaders() {
        return signer == null ? Map.of() : signer.headers("GET", settings.wsUrl().getPath(), clock.millis());
    }

    private void webSocketDown(String reason) {
        monitor().impaired(WEBSOCKET_DOWN, "websocket down (" + reason + "); polling REST every "
                + settings.pollInterval().toMillis() + " ms");
    }

    /** Polls REST when the WebSocket is down or the markets were never listed; otherwise does nothing. */
    private void restCycle() {
        try {
            if (!listed || !webSocket.isOpen()) {
                poll();
            }
            restCycles.incrementAndGet();
        } catch (RuntimeException e) {
            monitor().error(ErrorKind.MALFORMED, "REST poll failed: " + e);
        } finally {
            if (!stopping()) {
                schedule(settings.pollInterval());
            }
        }
    }

    private void poll() {
        restPolls.incrementAndGet();
        Outcome<List<JsonNode>> outcome = restGuard.call(rest::markets);
        if (stopping()) {
            return;
        }
        if (!outcome.done()) {
            if (outcome.status() != SourceResilience.Status.THROTTLED) {
                monitor().impaired(REST_DOWN, "kalshi REST " + outcome.status() + ", breaker "
                        + restGuard.state());
            }
            return;
        }
        monitor().restored(REST_DOWN);
        Instant now = output().now();
        for (JsonNode market : outcome.value()) {
            Market record = KalshiMarkets.market(market, now, SOURCE);
            if (record == null) {
                monitor().error(ErrorKind.UNKNOWN_EVENT, "market status '" + market.path("status").asText() + "'");
                continue;
            }
            output().market(record);
            // While the WebSocket is up it is the price source; REST prices would only race it.
            if (!webSocket.isOpen()) {
                LiveQuote quote = KalshiMarkets.quote(market);
                if (quote.hasPrice()) {
                    output().quote(record.getMarket(), SOURCE, current -> quote, now, true);
                }
            }
        }
        if (!listed) {
            listed = true;
            LOG.info("Kalshi listed {} of {} tracked markets", outcome.value().size(), settings.tickers().size());
        }
        for (String ticker : settings.tickers()) {
            if (output().listed(MarketIds.kalshi(ticker)) == null) {
                monitor().error(ErrorKind.API_ERROR, "ticker " + ticker + " is not on Kalshi");
            }
        }
    }

    private void schedule(Duration delay) {
        try {
            scheduler.schedule(this::restCycle, delay.toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            // Stopping.
        }
    }
}
