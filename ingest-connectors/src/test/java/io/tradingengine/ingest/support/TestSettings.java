package io.tradingengine.ingest.support;

import io.tradingengine.ingest.IngestSettings;
import java.util.HashMap;
import java.util.Map;

/** Settings for tests: loopback URLs are added by each test; timings short so failures show in milliseconds. */
public final class TestSettings {

    private TestSettings() {
    }

    /** Fast resilience timings, generous rate limits, a long tick age and heartbeats that stay out of the way. */
    public static Map<String, String> fast() {
        Map<String, String> env = new HashMap<>();
        env.put(IngestSettings.INGEST_HTTP_TIMEOUT, "2s");
        env.put(IngestSettings.INGEST_RETRY_MAX_ATTEMPTS, "2");
        env.put(IngestSettings.INGEST_RETRY_WAIT, "10ms");
        env.put(IngestSettings.INGEST_BREAKER_WINDOW, "2");
        env.put(IngestSettings.INGEST_BREAKER_OPEN_DURATION, "300ms");
        env.put(IngestSettings.INGEST_RECONNECT_MIN_BACKOFF, "20ms");
        env.put(IngestSettings.INGEST_RECONNECT_MAX_BACKOFF, "100ms");
        env.put(IngestSettings.INGEST_WS_HEARTBEAT_INTERVAL, "10s");
        env.put(IngestSettings.INGEST_WS_IDLE_TIMEOUT, "30s");
        env.put(IngestSettings.FEED_MAX_TICK_AGE, "60s");
        env.put(IngestSettings.COINGECKO_POLL_INTERVAL, "50ms");
        env.put(IngestSettings.COINMARKETCAP_POLL_INTERVAL, "50ms");
        env.put(IngestSettings.KALSHI_POLL_INTERVAL, "50ms");
        env.put(IngestSettings.POLYMARKET_GAMMA_POLL_INTERVAL, "50ms");
        env.put(IngestSettings.COINGECKO_RATE_LIMIT_PER_MINUTE, "60000");
        env.put(IngestSettings.COINMARKETCAP_RATE_LIMIT_PER_MINUTE, "60000");
        env.put(IngestSettings.KALSHI_RATE_LIMIT_PER_MINUTE, "60000");
        env.put(IngestSettings.POLYMARKET_RATE_LIMIT_PER_MINUTE, "60000");
        return env;
    }
}
