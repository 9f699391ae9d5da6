package io.tradingengine.api.ops;

/**
 * The state of one part of the engine in GET /health.
 *
 * @param up whether the part works
 * @param detail a short human description (state name, error), may be null
 */
public record HealthStatus(boolean up, String detail) {

    public static HealthStatus up(String detail) {
        return new HealthStatus(true, detail);
    }

    public static HealthStatus down(String detail) {
        return new HealthStatus(false, detail);
    }
}
