package io.tradingengine.topology;

import java.util.Objects;

/**
 * How the topology names the topics it reads and writes: the live engine uses the names of {@code Topics} and
 * {@link EngineTopics} as they are; a shadow application (a replay) puts a prefix in front of every one of them, so
 * it reads its own copies of the inputs and never writes a live topic. Internal topics (repartition, changelog) are
 * named after the application id by Kafka Streams and need no prefix.
 *
 * @param prefix put in front of every topic name; empty for the live engine
 */
public record TopicNaming(String prefix) {

    /** The live engine's names, unchanged. */
    public static final TopicNaming LIVE = new TopicNaming("");

    public TopicNaming {
        Objects.requireNonNull(prefix, "prefix");
    }

    /** Names prefixed with {@code prefix} (for example {@code replay.test-1.}). */
    public static TopicNaming prefixed(String prefix) {
        return new TopicNaming(prefix);
    }

    /** The name of {@code topic} (a live topic name such as {@code orders}) under this naming. */
    public String name(String topic) {
        return prefix + topic;
    }

    /** True for the live engine's naming. */
    public boolean isLive() {
        return prefix.isEmpty();
    }
}
