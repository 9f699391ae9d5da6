package io.tradingengine.domain;

import java.time.Instant;

/**
 * Trade ids derived from what caused the trade, so reprocessing the same input yields the same ids. Each kind has
 * its own prefix, so ids of different kinds never collide whatever the order ids look like.
 *
 * <ul>
 *   <li>fill: {@code T-<orderId>} (an order fills at most once);</li>
 *   <li>liquidation: {@code L-<assessmentId>/<market>} (an assessment fails at most once, and is liquidated once
 *       per market);</li>
 *   <li>settlement and void: {@code S-} or {@code V-<assessmentId>/<market>@<epoch millis of the market event>}
 *       (a market that is re-opened and resolved again settles under a new id).</li>
 * </ul>
 */
public final class TradeIds {

    private TradeIds() {
    }

    public static String fill(String orderId) {
        return "T-" + orderId;
    }

    public static String liquidation(String assessmentId, String market) {
        return "L-" + assessmentId + "/" + market;
    }

    public static String settlement(String assessmentId, String market, Instant marketEventAt) {
        return "S-" + assessmentId + "/" + market + "@" + marketEventAt.toEpochMilli();
    }

    public static String voided(String assessmentId, String market, Instant marketEventAt) {
        return "V-" + assessmentId + "/" + market + "@" + marketEventAt.toEpochMilli();
    }
}
