package io.tradingengine.ingest.simulated;

import io.tradingengine.avro.Market;
import io.tradingengine.avro.MarketStatus;
import io.tradingengine.avro.PriceTick;
import io.tradingengine.ingest.ConnectorHealth;
import io.tradingengine.ingest.ConnectorState;
import io.tradingengine.ingest.MarketDataConnector;
import io.tradingengine.ingest.PricePublisher;
import io.tradingengine.ingest.TickRejection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code dev} default source: lists each {@link SimulatedMarket} as OPEN on {@code markets} at start, then
 * publishes one tick per market every interval (default 250 ms) from a {@link PriceWalk}, on one daemon thread.
 */
public final class SimulatedFeed implements MarketDataConnector {

    /** The source name, in {@code FEEDS} and in {@code PriceTick.source}. */
    public static final String SOURCE = "simulated";
    public static final Duration DEFAULT_INTERVAL = Duration.ofMillis(250);

    private static final Logger LOG = LoggerFactory.getLogger(SimulatedFeed.class);
    private static final long STOP_TIMEOUT_SECONDS = 5;

    private final PricePublisher publisher;
    private final List<SimulatedMarket> markets;
    private final List<PriceWalk> walks;
    private final Duration interval;
    private final Clock clock;
    private final AtomicLong ticksPublished = new AtomicLong();
    private final AtomicLong ticksRejected = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private final AtomicReference<ConnectorState> state = new AtomicReference<>(ConnectorState.NEW);
    private volatile Instant lastTickAt;
    private volatile String lastError;
    private ScheduledExecutorService executor;

    /** The default markets at the default interval, randomly seeded, on the system clock. */
    public SimulatedFeed(PricePublisher publisher) {
        this(publisher, SimulatedMarket.defaults(), DEFAULT_INTERVAL, new Random(), Clock.systemUTC());
    }

    /**
     * A feed of {@code markets}, ticking every {@code interval}; each market's walk draws from its own generator
     * seeded from {@code random}, so a seeded {@code random} gives the same prices every run.
     */
    public SimulatedFeed(PricePublisher publisher, List<SimulatedMarket> markets, Duration interval, Random random,
            Clock clock) {
        this.publisher = Objects.requireNonNull(publisher, "publisher");
        this.markets = List.copyOf(markets);
        this.interval = Objects.requireNonNull(interval, "interval");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("interval must be positive, got " + interval);
        }
        if (this.markets.isEmpty()) {
            throw new IllegalArgumentException("The simulated feed needs at least one market");
        }
        List<PriceWalk> built = new ArrayList<>();
        for (SimulatedMarket market : this.markets) {
            built.add(new PriceWalk(market.walk(), new Random(random.nextLong())));
        }
        this.walks = List.copyOf(built);
    }

    @Override
    public String name() {
        return SOURCE;
    }

    public List<SimulatedMarket> markets() {
        return markets;
    }

    public Duration interval() {
        return interval;
    }

    @Override
    public synchronized void start() {
        if (!state.compareAndSet(ConnectorState.NEW, ConnectorState.STARTING)) {
            throw new IllegalStateException("The simulated feed starts once; it is " + state.get());
        }
        try {
            listMarkets();
        } catch (RuntimeException e) {
            state.set(ConnectorState.FAILED);
            lastError = e.toString();
            throw e;
        }
        executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "simulated-feed");
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleAtFixedRate(this::tickAll, 0, interval.toNanos(), TimeUnit.NANOSECONDS);
        LOG.info("Simulated feed started: {} markets every {} ms", markets.size(), interval.toMillis());
    }

    @Override
    public synchronized void stop() {
        if (state.getAndSet(ConnectorState.STOPPED) == ConnectorState.STOPPED) {
            return;
        }
        if (executor == null) {
            return;
        }
        executor.shutdown();
        try {
            if (!executor.awaitTermination(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                executor.shutdownNow();
                LOG.warn("Simulated feed did not stop within {} s", STOP_TIMEOUT_SECONDS);
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public ConnectorHealth health() {
        return new ConnectorHealth(SOURCE, state.get(), lastTickAt, ticksPublished.get(), ticksRejected.get(),
                errors.get(), lastError);
    }

    /** One round: a tick for every market. Never throws, or the scheduler would silently stop ticking. */
    private void tickAll() {
        for (int i = 0; i < markets.size(); i++) {
            try {
                tick(markets.get(i), walks.get(i));
            } catch (RuntimeException e) {
                errors.incrementAndGet();
                lastError = e.toString();
                LOG.warn("Simulated tick for {} failed: {}", markets.get(i).market(), e.toString());
            }
        }
    }

    private void tick(SimulatedMarket market, PriceWalk walk) {
        Quote quote = walk.next();
        Instant now = now();
        Optional<TickRejection> rejection = publisher.publish(PriceTick.newBuilder()
                .setMarket(market.market())
                .setSource(SOURCE)
                .setBid(quote.bid())
                .setAsk(quote.ask())
                .setLast(quote.last())
                .setTimestamp(now)
                .build());
        if (rejection.isPresent()) {
            ticksRejected.incrementAndGet();
            return;
        }
        ticksPublished.incrementAndGet();
        lastTickAt = now;
        state.compareAndSet(ConnectorState.STARTING, ConnectorState.RUNNING);
    }

    private void listMarkets() {
        Instant now = now();
        for (SimulatedMarket market : markets) {
            publisher.publish(Market.newBuilder()
                    .setMarket(market.market())
                    .setAssetClass(market.assetClass())
                    .setStatus(MarketStatus.OPEN)
                    .setOutcome(null)
                    .setUpdatedAt(now)
                    .setTitle(market.title())
                    .setSource(SOURCE)
                    .build());
        }
    }

    private Instant now() {
        // Avro timestamp-millis: anything finer would be dropped on the wire anyway.
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
