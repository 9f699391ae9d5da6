package io.tradingengine.ingest;

import io.micrometer.core.instrument.MeterRegistry;
import io.tradingengine.ingest.coingecko.CoingeckoConnector;
import io.tradingengine.ingest.kalshi.KalshiConnector;
import io.tradingengine.ingest.polymarket.PolymarketConnector;
import io.tradingengine.ingest.simulated.SimulatedFeed;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/** Builds the connector of a feed named in {@code FEEDS}. */
public final class Connectors {

    /** The feed names {@link #create} knows. */
    public static final List<String> FEEDS = List.of(SimulatedFeed.SOURCE, CoingeckoConnector.SOURCE,
            KalshiConnector.SOURCE, PolymarketConnector.SOURCE);

    private Connectors() {
    }

    /**
     * A new, unstarted connector for {@code feed} ({@code simulated}, {@code coingecko} (with its CoinMarketCap
     * failover), {@code kalshi} or {@code polymarket}, case-insensitive) publishing through {@code publisher}.
     *
     * @throws IllegalArgumentException for an unknown feed, or settings the feed cannot run with (nothing to track,
     *                                  an unreadable Kalshi key), naming the variable
     */
    public static MarketDataConnector create(String feed, IngestSettings settings, PricePublisher publisher,
            MeterRegistry meters) {
        Objects.requireNonNull(feed, "feed");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(publisher, "publisher");
        Objects.requireNonNull(meters, "meters");
        Clock clock = Clock.systemUTC();
        switch (feed.trim().toLowerCase(Locale.ROOT)) {
            case SimulatedFeed.SOURCE:
                return new SimulatedFeed(publisher);
            case CoingeckoConnector.SOURCE:
                return new CoingeckoConnector(settings, publisher, meters, clock);
            case KalshiConnector.SOURCE:
                return new KalshiConnector(settings, publisher, meters, clock);
            case PolymarketConnector.SOURCE:
                return new PolymarketConnector(settings, publisher, meters, clock);
            default:
                throw new IllegalArgumentException("Unknown feed '" + feed + "'; known: " + String.join(", ", FEEDS));
        }
    }
}
