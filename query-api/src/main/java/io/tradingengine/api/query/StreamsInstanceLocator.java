package io.tradingengine.api.query;

import io.tradingengine.topology.StoreNames;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.state.HostInfo;

/**
 * {@link InstanceLocator} over Kafka Streams metadata: {@code queryMetadataForKey} on the assessments store with the
 * assessment id (the stores of an assessment share its partition), and {@code metadataForAllStreamsClients} for the
 * list of instances.
 */
public final class StreamsInstanceLocator implements InstanceLocator {

    private static final StringSerializer KEYS = new StringSerializer();

    private final KafkaStreams streams;
    private final HostInfo self;

    /**
     * @param self this instance's {@code application.server}; null when it runs alone (every key is local)
     */
    public StreamsInstanceLocator(KafkaStreams streams, HostInfo self) {
        this.streams = streams;
        this.self = self;
    }

    @Override
    public List<Replica> replicas(String assessmentId) {
        if (self == null) {
            return InstanceLocator.single().replicas(assessmentId);
        }
        KeyQueryMetadata metadata;
        try {
            metadata = streams.queryMetadataForKey(StoreNames.ASSESSMENTS, assessmentId, KEYS);
        } catch (IllegalStateException e) {
            throw new StoreUnavailableException("streams not running: " + e.getMessage(), e);
        }
        if (metadata == null || metadata.equals(KeyQueryMetadata.NOT_AVAILABLE) || metadata.partition() < 0) {
            throw new StoreUnavailableException("the owner of assessment " + assessmentId
                    + " is not known now (starting or rebalancing)");
        }
        List<Replica> replicas = new ArrayList<>();
        HostInfo active = metadata.activeHost();
        if (known(active)) {
            replicas.add(new Replica(active, active.equals(self), true));
        }
        Set<HostInfo> standbys = new LinkedHashSet<>();
        // This instance's own standby first: a local read beats a network hop.
        if (metadata.standbyHosts().contains(self)) {
            standbys.add(self);
        }
        metadata.standbyHosts().stream().filter(StreamsInstanceLocator::known).forEach(standbys::add);
        standbys.remove(active);
        standbys.forEach(host -> replicas.add(new Replica(host, host.equals(self), false)));
        if (replicas.isEmpty()) {
            throw new StoreUnavailableException("no instance holds assessment " + assessmentId + " now");
        }
        return replicas;
    }

    @Override
    public List<HostInfo> otherInstances() {
        if (self == null) {
            return List.of();
        }
        Collection<StreamsMetadata> all;
        try {
            all = streams.metadataForAllStreamsClients();
        } catch (IllegalStateException e) {
            throw new StoreUnavailableException("streams not running: " + e.getMessage(), e);
        }
        return all.stream()
                .map(StreamsMetadata::hostInfo)
                .filter(StreamsInstanceLocator::known)
                .filter(host -> !host.equals(self))
                .distinct()
                .toList();
    }

    @Override
    public HostInfo self() {
        return self;
    }

    private static boolean known(HostInfo host) {
        return host != null && !host.equals(HostInfo.unavailable()) && host.port() > 0;
    }
}
