package io.tradingengine.app.replay;

import io.tradingengine.schemas.Topic;
import io.tradingengine.schemas.Topics;
import io.tradingengine.topology.EngineTopics;
import io.tradingengine.topology.TopicNaming;
import io.tradingengine.topology.TradingTopology;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;

/**
 * The names of a shadow application: application id {@code replay.<name>} (so its internal topics are
 * {@code replay.<name>-...-repartition} and {@code -changelog}, which a reset of the live application, whose
 * internal topics start with {@code <live id>-}, never matches), and every topic it reads or writes under the
 * prefix {@code replay.<name>.}: its copies of {@code orders}, {@code prices}, {@code assessments},
 * {@code markets}, its outputs ({@code replay.<name>.trades}, ...) and its engine topics
 * ({@code replay.<name>.prices-latest}, ...).
 */
public final class ReplayTopics {

    /** Replay names: letters, digits, '-' and '_', up to 100 characters, starting with a letter or digit. */
    public static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,99}");

    /** The live topics a replay copies, in the order ties in time are fed: reference data before the flow. */
    static final List<String> SOURCES = List.of(Topics.MARKETS, Topics.ASSESSMENTS, Topics.PRICES, Topics.ORDERS);

    private static final List<String> REPARTITIONS = List.of(TradingTopology.TICK_FANOUT,
            TradingTopology.MARKET_FANOUT);

    private final String name;
    private final TopicNaming naming;

    public ReplayTopics(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("a replay name is letters, digits, '-' and '_' (up to 100), got '"
                    + name + "'");
        }
        this.name = name;
        this.naming = TopicNaming.prefixed("replay." + name + ".");
    }

    public String name() {
        return name;
    }

    /** The shadow's Kafka Streams application id. */
    public String applicationId() {
        return "replay." + name;
    }

    public TopicNaming naming() {
        return naming;
    }

    /** The shadow's name for a live topic. */
    public String of(String liveTopic) {
        return naming.name(liveTopic);
    }

    /** The shadow's repartition topics (created by Kafka Streams). */
    public List<String> repartitionTopics() {
        return REPARTITIONS.stream().map(r -> applicationId() + "-" + r + "-repartition").toList();
    }

    /** True for any topic of this replay: its prefixed topics and its internal ones. */
    public boolean owns(String topic) {
        return topic.startsWith(naming.prefix()) || topic.startsWith(applicationId() + "-");
    }

    /**
     * The topics to create: the copies of the inputs, the outputs and the engine topics, with the partition counts
     * of the live topics (orders and assessments share one, prices and markets the other).
     */
    List<NewTopic> newTopics(Topics topics, int assessmentPartitions, int marketPartitions) {
        List<NewTopic> created = new ArrayList<>();
        EngineTopics engineTopics = new EngineTopics(topics, naming);
        for (Topic<String, ?> topic : topics.all()) {
            boolean byMarket = topic.name().equals(Topics.PRICES) || topic.name().equals(Topics.MARKETS);
            created.add(newTopic(of(topic.name()), byMarket ? marketPartitions : assessmentPartitions,
                    topic.compacted()));
        }
        for (Topic<String, ?> topic : engineTopics.all()) {
            boolean byMarket = !topic.name().endsWith(EngineTopics.ORDERS_DLQ)
                    && !topic.name().endsWith(EngineTopics.ASSESSMENTS_DLQ);
            created.add(newTopic(topic.name(), byMarket ? marketPartitions : assessmentPartitions,
                    topic.compacted()));
        }
        return created;
    }

    private static NewTopic newTopic(String name, int partitions, boolean compacted) {
        NewTopic topic = new NewTopic(name, Optional.of(partitions), Optional.empty());
        if (compacted) {
            topic.configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
        }
        return topic;
    }
}
