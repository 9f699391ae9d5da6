package io.tradingengine.app.replay;

import io.tradingengine.schemas.Topics;
import io.tradingengine.topology.TopologyConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What to replay, and how.
 *
 * @param name          the replay's name ({@code --as}): topics {@code replay.<name>.*}
 * @param fromOffsets   where the order flow starts ({@code --from-offset}), or empty when {@code from} is given
 * @param from          where the order flow starts in time ({@code --from-timestamp}), or null
 * @param to            where the replayed range ends, exclusive ({@code --to-timestamp}), or null for "now"
 * @param topology      the shadow's behaviour (slippage and fees, possibly overridden)
 * @param stateDir      the shadow's own state directory
 * @param lockstep      feed the shadow in time order, waiting for it between an order and a price of the same
 *                      market, so every order sees the latest tick before it (deterministic); false feeds everything
 *                      at once (fast, but orders then see whatever price the shadow's global store holds)
 * @param replace       delete an earlier replay of the same name first (its topics and state)
 * @param timeout       the longest the whole replay may take
 */
public record ReplaySpec(String name, List<OffsetStart> fromOffsets, Instant from, Instant to,
                         TopologyConfig topology, Path stateDir, boolean lockstep, boolean replace,
                         Duration timeout) {

    public ReplaySpec {
        new ReplayTopics(name);
        fromOffsets = List.copyOf(fromOffsets);
        if (fromOffsets.isEmpty() == (from == null)) {
            throw new IllegalArgumentException("give either --from-offset or --from-timestamp");
        }
        if (from != null && to != null && !to.isAfter(from)) {
            throw new IllegalArgumentException("--to-timestamp must be after --from-timestamp");
        }
        Objects.requireNonNull(topology, "topology");
        Objects.requireNonNull(stateDir, "stateDir");
        Objects.requireNonNull(timeout, "timeout");
    }

    /**
     * A start position in a source topic ({@code orders} unless named): {@code partition:offset} or
     * {@code topic:partition:offset}.
     */
    public record OffsetStart(String topic, int partition, long offset) {

        /** @throws IllegalArgumentException when the text is neither form */
        public static OffsetStart parse(String text) {
            String[] parts = text.trim().split(":");
            try {
                if (parts.length == 2) {
                    return new OffsetStart(Topics.ORDERS, Integer.parseInt(parts[0]),
                            Long.parseLong(parts[1]));
                }
                if (parts.length == 3 && (parts[0].equals(Topics.ORDERS)
                        || parts[0].equals(Topics.PRICES))) {
                    return new OffsetStart(parts[0], Integer.parseInt(parts[1]), Long.parseLong(parts[2]));
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new IllegalArgumentException("--from-offset: '" + text + "' is not partition:offset or "
                    + "orders|prices:partition:offset");
        }
    }
}
