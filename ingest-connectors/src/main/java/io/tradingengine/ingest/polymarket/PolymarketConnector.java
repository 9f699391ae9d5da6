package io.tradingengine.ingest.polymarket;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.tradingengine.avro.AssetClass;
import io.tradingengine.avro.Market;
import io.tradingengine.ingest.IngestSettings;
import io.tradingengine.ingest.MarketIds;
import io.tradingengine.ingest.PricePublisher;
import io.tradingengine.ingest.source.Backoff;
import io.tradingengine.ingest.source.ErrorKind;
import io.tradingengine.ingest.source.HttpJson;
import io.tradingengine.ingest.source.Json;
import io.tradingengine.ingest.source.ReconnectingWebSocket;
import io.tradingengine.ingest.source.SourceConnector;
import io.tradingengine.ingest.source.SourceResilience;
import io.tradingengine.ingest.source.SourceResilience.Outcome;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polymarket: prices from the CLOB market WebSocket ({@link PolymarketStream}), status from polling the Gamma API
 * ({@link GammaStatus}: resolution, dispute, cancellation) published as {@code Market} changes. Polymarket offers
 * no GraphQL subscription for prices; the WebSocket is the real-time source. Market ids are
 * {@code polymarket:<token id>}; a price is that token's price in 0..1.
 */
public final class PolymarketConnector extends SourceConnector {

    /** The feed name and tick source. */
    public static final String SOURCE = "polymarket";

    private static final Logger LOG = LoggerFactory.getLogger(PolymarketConnector.class);
    private static final String WEBSOCKET_DOWN = "websocket";
    private static final String GAMMA_DOWN = "gamma";

    private final IngestSettings.Polymarket settings;
    private final IngestSettings.Resilience resilience;
    private final HttpClient client;
    private final GammaApi gamma;
    private final SourceResilience gammaGuard;
    private final Set<String> tokens;
    private final AtomicLong gammaPolls = new AtomicLong();
    private ReconnectingWebSocket webSocket;
    private ScheduledExecutorService scheduler;

    public PolymarketConnector(IngestSettings settings, PricePublisher publisher, MeterRegistry meters,
            Clock clock) {
        super(SOURCE, publisher, meters, clock, settings.maxTickAge(), 2);
        this.settings = settings.polymarket();
        if (this.settings.tokenIds().isEmpty()) {
            throw new IllegalArgumentException(IngestSettings.POLYMARKET_TOKEN_IDS + " lists no token id");
        }
        this.resilience = settings.resilience();
        this.tokens = new LinkedHashSet<>(this.settings.tokenIds());
        this.client = HttpJson.newClient(resilience.httpTimeout());
        this.gamma = new GammaApi(this.settings.gammaUrl(), this.settings.tokenIds(),
                new HttpJson(client, resilience.httpTimeout(), clock));
        this.gammaGuard = new SourceResilience("polymarket-gamma", resilience, this.settings.rateLimitPerMinute(),
                monitor());
    }

    /** Gamma polls made since start. */
    public long gammaPolls() {
        return gammaPolls.get();
    }

    @Override
    protected void onStart(ScheduledExecutorService executor) {
        this.scheduler = executor;
        PolymarketStream stream = new PolymarketStream(SOURCE, settings.tokenIds(), output(),
                () -> monitor().restored(WEBSOCKET_DOWN),
                reason -> monitor().impaired(WEBSOCKET_DOWN, "websocket down (" + reason + "); reconnecting"));
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

    private void gammaCycle() {
        try {
            pollGamma();
        } catch (RuntimeException e) {
            monitor().error(ErrorKind.MALFORMED, "gamma poll failed: " + e);
        } finally {
            if (!stopping()) {
                schedule(settings.gammaPollInterval());
            }
        }
    }

    private void pollGamma() {
        gammaPolls.incrementAndGet();
        Outcome<List<JsonNode>> outcome = gammaGuard.call(gamma::markets);
        if (stopping()) {
            return;
        }
        if (!outcome.done()) {
            if (outcome.status() != SourceResilience.Status.THROTTLED) {
                monitor().impaired(GAMMA_DOWN, "gamma status polling " + outcome.status() + ", breaker "
                        + gammaGuard.state());
            }
            return;
        }
        monitor().restored(GAMMA_DOWN);
        Instant now = output().now();
        Set<String> seen = new HashSet<>();
        for (JsonNode market : outcome.value()) {
            try {
                List<String> tokenIds = GammaStatus.stringList(market.get("clobTokenIds"));
                List<String> outcomes = GammaStatus.stringList(market.get("outcomes"));
                for (int i = 0; i < tokenIds.size(); i++) {
                    String token = tokenIds.get(i);
                    if (!tokens.contains(token)) {
                        continue;
                    }
                    seen.add(token);
                    publishStatus(market, token, i, i < outcomes.size() ? outcomes.get(i) : null, now);
                }
            } catch (RuntimeException e) {
                monitor().error(ErrorKind.MALFORMED, "gamma market " + market.path("id").asText() + ": "
                        + e.getMessage());
            }
        }
        for (String token : tokens) {
            if (!seen.contains(token)) {
                monitor().error(ErrorKind.API_ERROR, "token " + token + " is in no gamma market");
            }
        }
    }

    private void publishStatus(JsonNode market, String token, int index, String outcomeName, Instant now) {
        GammaStatus status = GammaStatus.of(market, index);
        String question = Json.text(market, "question");
        String title = question == null ? outcomeName : outcomeName == null ? question
                : question + " [" + outcomeName + "]";
        Market record = Market.newBuilder()
                .setMarket(MarketIds.polymarket(token))
                .setAssetClass(AssetClass.PREDICTION)
                .setStatus(status.status())
                .setOutcome(status.outcome())
                .setUpdatedAt(now)
                .setTitle(title)
                .setSource(SOURCE)
                .build();
        if (output().market(record)) {
            LOG.info("Polymarket {} is {} ({})", record.getMarket(), status.status(), status.note());
        }
    }

    private void schedule(Duration delay) {
        try {
            scheduler.schedule(this::gammaCycle, delay.toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            // Stopping.
        }
    }
}
