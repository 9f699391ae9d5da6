package io.tradingengine.api.support;

import io.tradingengine.api.query.InstanceLocator;
import io.tradingengine.api.query.Replica;
import io.tradingengine.api.query.StoreUnavailableException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.streams.state.HostInfo;

/**
 * A test implementation of our {@link InstanceLocator}: which instances hold which assessment, as the test says.
 * Unlisted assessments are local and active.
 */
public final class ScriptedLocator implements InstanceLocator {

    private final HostInfo self;
    private final Map<String, List<Replica>> replicas = new ConcurrentHashMap<>();
    private final List<HostInfo> others = new CopyOnWriteArrayList<>();
    private volatile boolean unknown;

    public ScriptedLocator(HostInfo self) {
        this.self = self;
    }

    /** The assessment's copies, active first: each host is local when it is {@code self}. */
    public ScriptedLocator place(String assessmentId, HostInfo active, HostInfo... standbys) {
        List<Replica> list = new CopyOnWriteArrayList<>();
        if (active != null) {
            list.add(new Replica(active, active.equals(self), true));
        }
        for (HostInfo standby : standbys) {
            list.add(new Replica(standby, standby.equals(self), false));
        }
        replicas.put(assessmentId, list);
        return this;
    }

    public ScriptedLocator others(HostInfo... hosts) {
        others.clear();
        others.addAll(List.of(hosts));
        return this;
    }

    /** From now on no assignment is known (as while rebalancing). */
    public void forget() {
        unknown = true;
    }

    @Override
    public List<Replica> replicas(String assessmentId) {
        if (unknown) {
            throw new StoreUnavailableException("rebalancing");
        }
        return replicas.getOrDefault(assessmentId, List.of(new Replica(self, true, true)));
    }

    @Override
    public List<HostInfo> otherInstances() {
        return List.copyOf(others);
    }

    @Override
    public HostInfo self() {
        return self;
    }
}
