package io.tradingengine.ingest.source;

import io.tradingengine.avro.Market;
import io.tradingengine.avro.MarketStatus;
import io.tradingengine.avro.PriceTick;
import io.tradingengine.ingest.PricePublisher;
import io.tradingengine.ingest.TickRejection;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.UnaryOperator;

/**
 * The shared publishing side of a connector: hands ticks and market changes to the {@link PricePublisher}, records
 * the outcome on the {@link SourceMonitor}, keeps the latest {@link LiveQuote} per market, and publishes a market's
 * listing only when its status, outcome or title changed. Never throws on a bad record: it is counted instead.
 */
public final class SourceOutput {

    private final PricePublisher publisher;
    private final SourceMonitor monitor;
    private final ConcurrentMap<String, LiveQuote> quotes = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Market> listed = new ConcurrentHashMap<>();

    public SourceOutput(PricePublisher publisher, SourceMonitor monitor) {
        this.publisher = Objects.requireNonNull(publisher, "publisher");
        this.monitor = Objects.requireNonNull(monitor, "monitor");
    }

    public SourceMonitor monitor() {
        return monitor;
    }

    /** The current time at Avro's millisecond precision. */
    public Instant now() {
        return monitor.clock().instant().truncatedTo(ChronoUnit.MILLIS);
    }

    /** Validates and publishes a tick; true when it went out. */
    public boolean tick(String market, String source, BigDecimal bid, BigDecimal ask, BigDecimal last,
            Instant timestamp) {
        PriceTick tick = PriceTick.newBuilder()
                .setMarket(market)
                .setSource(source)
                .setBid(bid)
                .setAsk(ask)
                .setLast(last)
                .setTimestamp(timestamp == null ? now() : timestamp.truncatedTo(ChronoUnit.MILLIS))
                .build();
        Optional<TickRejection> rejection;
        try {
            rejection = publisher.publish(tick);
        } catch (RuntimeException e) {
            monitor.error(ErrorKind.PUBLISH, "tick for " + market + ": " + e);
            return false;
        }
        if (rejection.isPresent()) {
            monitor.rejected(rejection.get());
            return false;
        }
        monitor.published();
        return true;
    }

    /** Publishes {@code quote} as a tick of {@code market}. */
    public boolean tick(String market, String source, LiveQuote quote, Instant timestamp) {
        return tick(market, source, quote.bid(), quote.ask(), quote.last(), timestamp);
    }

    /**
     * Applies {@code change} to the market's latest quote and publishes the result when {@code always} is set or the
     * prices changed. Only a quote that passed validation becomes the latest, so one bad price does not poison the
     * ticks after it. Returns true when a tick went out.
     */
    public boolean quote(String market, String source, UnaryOperator<LiveQuote> change, Instant timestamp,
            boolean always) {
        LiveQuote before = quotes.getOrDefault(market, LiveQuote.EMPTY);
        LiveQuote after = change.apply(before);
        if (!after.hasPrice() || (!always && after.samePrices(before))) {
            return false;
        }
        if (!tick(market, source, after, timestamp)) {
            return false;
        }
        quotes.put(market, after);
        return true;
    }

    /** The latest quote of {@code market}, or {@link LiveQuote#EMPTY}. */
    public LiveQuote latest(String market) {
        return quotes.getOrDefault(market, LiveQuote.EMPTY);
    }

    /**
     * Publishes a listing or status change when the status, outcome or title differs from what this source
     * published last for the market. A market once RESOLVED or CANCELLED is not moved back to a status that is not
     * final (a late poll must not reopen a settled market). Returns true when it went out.
     */
    public boolean market(Market market) {
        Market previous = listed.get(market.getMarket());
        if (previous != null && previous.getStatus() == market.getStatus()
                && Objects.equals(previous.getOutcome(), market.getOutcome())
                && Objects.equals(previous.getTitle(), market.getTitle())) {
            return false;
        }
        if (previous != null && isFinal(previous.getStatus()) && !isFinal(market.getStatus())) {
            return false;
        }
        try {
            publisher.publish(market);
        } catch (RuntimeException e) {
            monitor.error(ErrorKind.PUBLISH, "market " + market.getMarket() + ": " + e.getMessage());
            return false;
        }
        listed.put(market.getMarket(), market);
        return true;
    }

    private static boolean isFinal(MarketStatus status) {
        return status == MarketStatus.RESOLVED || status == MarketStatus.CANCELLED;
    }

    /** The last listing this source published for {@code marketId}, or null. */
    public Market listed(String marketId) {
        return listed.get(marketId);
    }
}
