package io.tradingengine.ingest.source;

import io.micrometer.core.instrument.MeterRegistry;
import io.tradingengine.ingest.ConnectorHealth;
import io.tradingengine.ingest.ConnectorState;
import io.tradingengine.ingest.MarketDataConnector;
import io.tradingengine.ingest.PricePublisher;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shared life cycle of the live connectors: start once, stop idempotently, a private scheduler of daemon
 * threads, a {@link SourceMonitor} for health and metrics and a {@link SourceOutput} for publishing. Subclasses
 * only know their wire format and when to call it.
 */
public abstract class SourceConnector implements MarketDataConnector {

    private static final Logger LOG = LoggerFactory.getLogger(SourceConnector.class);
    private static final long STOP_TIMEOUT_SECONDS = 5;

    private final String name;
    private final int threads;
    private final SourceMonitor monitor;
    private final SourceOutput output;
    private ScheduledExecutorService scheduler;

    protected SourceConnector(String name, PricePublisher publisher, MeterRegistry meters, Clock clock,
            Duration maxTickAge, int threads) {
        this.name = Objects.requireNonNull(name, "name");
        this.threads = threads;
        this.monitor = new SourceMonitor(name, meters, clock, maxTickAge);
        this.output = new SourceOutput(publisher, monitor);
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final synchronized void start() {
        if (monitor.lifecycle() != ConnectorState.NEW) {
            throw new IllegalStateException("Connector " + name + " starts once; it is " + monitor.lifecycle());
        }
        monitor.lifecycle(ConnectorState.STARTING);
        AtomicInteger count = new AtomicInteger();
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(threads, runnable -> {
            Thread thread = new Thread(runnable, "ingest-" + name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        executor.setRemoveOnCancelPolicy(true);
        scheduler = executor;
        try {
            onStart(executor);
        } catch (RuntimeException e) {
            monitor.lifecycle(ConnectorState.FAILED);
            monitor.error(ErrorKind.CONNECTION, "start failed: " + e);
            executor.shutdownNow();
            throw e;
        }
        LOG.info("Connector {} started", name);
    }

    @Override
    public final synchronized void stop() {
        ConnectorState previous = monitor.lifecycle();
        if (previous == ConnectorState.STOPPED) {
            return;
        }
        monitor.lifecycle(ConnectorState.STOPPED);
        if (scheduler == null) {
            monitor.close();
            return;
        }
        try {
            onStop();
        } catch (RuntimeException e) {
            LOG.warn("Connector {} did not stop cleanly: {}", name, e.toString());
        }
        scheduler.shutdownNow();
        try {
            if (!scheduler.awaitTermination(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                LOG.warn("Connector {} threads did not stop within {} s", name, STOP_TIMEOUT_SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        monitor.close();
        LOG.info("Connector {} stopped", name);
    }

    @Override
    public ConnectorHealth health() {
        return monitor.health();
    }

    /** This connector's health and metrics. */
    public SourceMonitor monitor() {
        return monitor;
    }

    protected SourceOutput output() {
        return output;
    }

    /** True once {@link #stop()} was called; long loops check it. */
    protected boolean stopping() {
        return monitor.lifecycle() == ConnectorState.STOPPED;
    }

    /** Starts connections and schedules work on {@code scheduler}; must not block. */
    protected abstract void onStart(ScheduledExecutorService scheduler);

    /** Closes connections; the scheduler is shut down right after. */
    protected abstract void onStop();
}
