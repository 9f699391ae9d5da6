package io.tradingengine.api.query;

import java.util.List;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Where the state of a key lives among the engine's instances (Kafka Streams' {@code application.server} metadata).
 * The query layer reads locally what this instance holds and forwards the rest.
 */
public interface InstanceLocator {

    /**
     * The copies of the assessment's store partition: the active copy first, then the standbys (this instance's own
     * copy before the others').
     *
     * @throws StoreUnavailableException when the assignment is not known now (starting or rebalancing)
     */
    List<Replica> replicas(String assessmentId);

    /** Every other instance of the application, for reads that cannot name their key's partition. */
    List<HostInfo> otherInstances();

    /** This instance's {@code application.server}, or null when it runs alone. */
    HostInfo self();

    /** A single instance: every key is local and active, there is nobody to forward to. */
    static InstanceLocator single() {
        return new InstanceLocator() {
            @Override
            public List<Replica> replicas(String assessmentId) {
                return List.of(new Replica(null, true, true));
            }

            @Override
            public List<HostInfo> otherInstances() {
                return List.of();
            }

            @Override
            public HostInfo self() {
                return null;
            }
        };
    }
}
