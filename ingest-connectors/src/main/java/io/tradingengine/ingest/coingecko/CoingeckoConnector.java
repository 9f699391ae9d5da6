package io.tradingengine.ingest.coingecko;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.MeterRegistry;
import io.tradingengine.avro.AssetClass;
import io.tradingengine.avro.Market;
import io.tradingengine.avro.MarketStatus;
import io.tradingengine.ingest.IngestSettings;
import io.tradingengine.ingest.IngestSettings.CoinMapping;
import io.tradingengine.ingest.PricePublisher;
import io.tradingengine.ingest.source.Backoff;
import io.tradingengine.ingest.source.ErrorKind;
import io.tradingengine.ingest.source.HttpJson;
import io.tradingengine.ingest.source.SourceConnector;
import io.tradingengine.ingest.source.SourceException;
import io.tradingengine.ingest.source.SourceResilience;
import io.tradingengine.ingest.source.SourceResilience.Outcome;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Crypto prices from Coingecko {@code /simple/price}, polled, with CoinMarketCap as a conditional failover.
 *
 * <p>Each poll goes through Coingecko's circuit breaker. A 429 is honoured: no request before its
 * {@code Retry-After} (or, without one, a doubling backoff from the poll interval). While the breaker is open and a
 * CoinMarketCap key is configured, CoinMarketCap is polled instead and its ticks carry source
 * {@code coinmarketcap}; once the breaker lets a half-open probe through and it succeeds, Coingecko takes back and
 * CoinMarketCap is no longer called. Without a key nothing fails over, and health says so. Ticks carry the last
 * price as {@code last} and the vendor's update time ({@code last_updated_at}) as their timestamp; each tracked
 * pair is listed OPEN on {@code markets} at start.
 */
public final class CoingeckoConnector extends SourceConnector {

    /** The feed name and the source of Coingecko's ticks. */
    public static final String SOURCE = "coingecko";
    /** The source of the failover's ticks. */
    public static final String FAILOVER_SOURCE = "coinmarketcap";

    private static final Logger LOG = LoggerFactory.getLogger(CoingeckoConnector.class);
    private static final String PRIMARY_DOWN = "primary";
    private static final String RATE_LIMITED = "rate-limited";
    private static final Duration MAX_RATE_LIMIT_BACKOFF = Duration.ofMinutes(10);

    private final IngestSettings.Coingecko settings;
    private final IngestSettings.CoinMarketCap failoverSettings;
    private final CoingeckoApi primary;
    private final CoinMarketCapApi failover;
    private final SourceResilience primaryGuard;
    private final SourceResilience failoverGuard;
    private final Backoff rateLimitBackoff;
    private final Duration breakerOpenDuration;
    private final Clock clock;
    private volatile Instant primaryNotBefore;
    private volatile boolean failingOver;
    private ScheduledExecutorService scheduler;

    public CoingeckoConnector(IngestSettings settings, PricePublisher publisher, MeterRegistry meters, Clock clock) {
        super(SOURCE, publisher, meters, clock, settings.maxTickAge(), 1);
        if (settings.coingecko().coins().isEmpty()) {
            throw new IllegalArgumentException(IngestSettings.COINGECKO_IDS + " lists no coin");
        }
        this.settings = settings.coingecko();
        this.failoverSettings = settings.coinMarketCap();
        this.clock = clock;
        this.breakerOpenDuration = settings.resilience().breakerOpenDuration();
        HttpJson http = new HttpJson(HttpJson.newClient(settings.resilience().httpTimeout()),
                settings.resilience().httpTimeout(), clock);
        this.primary = new CoingeckoApi(this.settings, http);
        this.primaryGuard = new SourceResilience(SOURCE, settings.resilience(), this.settings.rateLimitPerMinute(),
                monitor());
        if (failoverSettings.enabled()) {
            this.failover = new CoinMarketCapApi(failoverSettings, this.settings.coins(), http);
            this.failoverGuard = new SourceResilience(FAILOVER_SOURCE, settings.resilience(),
                    failoverSettings.rateLimitPerMinute(), monitor());
        } else {
            this.failover = null;
            this.failoverGuard = null;
        }
        Duration poll = this.settings.pollInterval();
        this.rateLimitBackoff = new Backoff(poll, poll.compareTo(MAX_RATE_LIMIT_BACKOFF) > 0 ? poll
                : MAX_RATE_LIMIT_BACKOFF);
    }

    /** Coingecko's circuit breaker. */
    public CircuitBreaker breaker() {
        return primaryGuard.breaker();
    }

    /** True while CoinMarketCap stands in for Coingecko. */
    public boolean failingOver() {
        return failingOver;
    }

    @Override
    protected void onStart(ScheduledExecutorService executor) {
        this.scheduler = executor;
        Instant now = output().now();
        for (CoinMapping coin : settings.coins()) {
            output().market(Market.newBuilder()
                    .setMarket(coin.market())
                    .setAssetClass(AssetClass.CRYPTO)
                    .setStatus(MarketStatus.OPEN)
                    .setOutcome(null)
                    .setUpdatedAt(now)
                    .setTitle(coin.coinId())
                    .setSource(SOURCE)
                    .build());
        }
        schedule(Duration.ZERO);
    }

    @Override
    protected void onStop() {
        // The scheduler is shut down by the base class; polls in flight end with it.
    }

    private void cycle() {
        Duration next = settings.pollInterval();
        try {
            next = pollOnce();
        } catch (RuntimeException e) {
            monitor().error(ErrorKind.MALFORMED, "poll failed: " + e);
        } finally {
            if (!stopping()) {
                schedule(next);
            }
        }
    }

    /** One cycle: the primary when it may be called, else the failover while the breaker is open. */
    private Duration pollOnce() {
        Instant now = clock.instant();
        Instant notBefore = primaryNotBefore;
        if (notBefore == null || !now.isBefore(notBefore)) {
            Outcome<List<CryptoQuote>> outcome = primaryGuard.call(() -> primary.fetch(this::missing));
            if (outcome.done()) {
                primaryAnswered(outcome.value());
                return settings.pollInterval();
            }
            if (outcome.status() == SourceResilience.Status.FAILED
                    && outcome.failure().kind() == ErrorKind.RATE_LIMITED) {
                notBefore = rateLimited(outcome.failure(), now);
            }
        }
        if (breakerOpen()) {
            return failOver();
        }
        if (notBefore != null && now.isBefore(notBefore)) {
            Duration wait = Duration.between(now, notBefore);
            return wait.compareTo(settings.pollInterval()) > 0 ? wait : settings.pollInterval();
        }
        return settings.pollInterval();
    }

    private void primaryAnswered(List<CryptoQuote> quotes) {
        primaryNotBefore = null;
        rateLimitBackoff.reset();
        monitor().restored(RATE_LIMITED);
        monitor().restored(PRIMARY_DOWN);
        if (failingOver) {
            failingOver = false;
            LOG.info("Coingecko answered its half-open probe: it takes back from CoinMarketCap");
        }
        publish(quotes, SOURCE);
    }

    private Instant rateLimited(SourceException failure, Instant now) {
        Duration backoff = rateLimitBackoff.next();
        Duration retryAfter = failure.retryAfter();
        Duration wait = retryAfter != null && retryAfter.compareTo(backoff) > 0 ? retryAfter : backoff;
        Instant notBefore = now.plus(wait);
        primaryNotBefore = notBefore;
        monitor().impaired(RATE_LIMITED, "coingecko rate-limited us; next request in " + wait.toMillis() + " ms");
        return notBefore;
    }

    private Duration failOver() {
        if (failover == null) {
            monitor().impaired(PRIMARY_DOWN, "coingecko circuit breaker is " + primaryGuard.state()
                    + "; no failover: " + IngestSettings.COINMARKETCAP_API_KEY + " is not set");
            return settings.pollInterval();
        }
        if (!failingOver) {
            failingOver = true;
            monitor().failover();
            LOG.warn("Coingecko circuit breaker is open: failing over to CoinMarketCap");
        }
        Outcome<List<CryptoQuote>> outcome = failoverGuard.call(() -> failover.fetch(this::missing));
        if (outcome.done()) {
            monitor().impaired(PRIMARY_DOWN, "coingecko circuit breaker is " + primaryGuard.state()
                    + "; failing over to coinmarketcap");
            publish(outcome.value(), FAILOVER_SOURCE);
        } else {
            monitor().impaired(PRIMARY_DOWN, "coingecko circuit breaker is " + primaryGuard.state()
                    + "; the coinmarketcap failover is failing too (" + outcome.status() + ")");
        }
        // Come back no later than the breaker's half-open time, so the primary is probed promptly.
        Duration interval = failoverSettings.pollInterval();
        return interval.compareTo(breakerOpenDuration) < 0 ? interval : breakerOpenDuration;
    }

    private boolean breakerOpen() {
        CircuitBreaker.State state = primaryGuard.state();
        return state == CircuitBreaker.State.OPEN || state == CircuitBreaker.State.FORCED_OPEN;
    }

    private void publish(List<CryptoQuote> quotes, String source) {
        for (CryptoQuote quote : quotes) {
            output().tick(quote.market(), source, null, null, quote.price(), quote.updatedAt());
        }
    }

    private void missing(String what) {
        monitor().error(ErrorKind.API_ERROR, what);
    }

    private void schedule(Duration delay) {
        try {
            scheduler.schedule(this::cycle, delay.toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            // Stopping.
        }
    }
}
