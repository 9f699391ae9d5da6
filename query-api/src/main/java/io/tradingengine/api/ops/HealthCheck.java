package io.tradingengine.api.ops;

/** One part reported by GET /health (database, Redis, a feed, ...). Must answer within a second or two. */
@FunctionalInterface
public interface HealthCheck {

    HealthStatus check();
}
