package io.tradingengine.ingest.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tradingengine.avro.Market;
import io.tradingengine.avro.PriceTick;
import io.tradingengine.ingest.ConnectorHealth;
import io.tradingengine.ingest.ConnectorState;
import io.tradingengine.ingest.Connectors;
import io.tradingengine.ingest.MarketDataConnector;
import io.tradingengine.ingest.MarketIds;
import io.tradingengine.ingest.TickValidator;
import io.tradingengine.ingest.support.Await;
import io.tradingengine.ingest.support.CapturingPublisher;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link MarketDataConnector} does, whatever its wire format: written once, run against each connector
 * on its own loopback fake by a subclass that knows how to make the fake talk.
 */
public abstract class MarketDataConnectorContract {

    protected static final Duration LONG_TICK_AGE = Duration.ofSeconds(60);

    protected final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    protected final CapturingPublisher published = new CapturingPublisher(meters);
    private MarketDataConnector connector;

    /** A new, unstarted connector on this source's fake; it reports itself stale after {@code maxTickAge}. */
    protected abstract MarketDataConnector create(Duration maxTickAge);

    /** The feed name, as in {@code FEEDS}. */
    protected abstract String feed();

    /** The market ids the connector tracks. */
    protected abstract Set<String> markets();

    /** Makes the fake deliver a round of good data for every market; called after start. */
    protected abstract void deliver();

    /** Makes the fake deliver malformed data; false when the source has no input to spoil. */
    protected abstract boolean deliverGarbage();

    /** Makes the fake stop delivering; false when the source cannot be silenced. */
    protected abstract boolean silence();

    /** Stops the fakes. */
    protected abstract void closeFakes();

    @AfterEach
    void stopConnectorAndFakes() {
        if (connector != null) {
            connector.stop();
        }
        closeFakes();
    }

    private MarketDataConnector started(Duration maxTickAge) {
        connector = create(maxTickAge);
        connector.start();
        return connector;
    }

    @Test
    void shouldBeNamedAfterItsFeedAndNewBeforeStart() {
        connector = create(LONG_TICK_AGE);

        assertThat(connector.name()).isEqualTo(feed());
        assertThat(Connectors.FEEDS).contains(feed());
        ConnectorHealth health = connector.health();
        assertThat(health.state()).isEqualTo(ConnectorState.NEW);
        assertThat(health.ticksPublished()).isZero();
        assertThat(health.lastTickAt()).isNull();
    }

    @Test
    void shouldListEveryTrackedMarketAndPublishValidTicksForEachOnceStarted() {
        started(LONG_TICK_AGE);
        deliver();

        Await.until("a tick for every tracked market", () -> tickedMarkets().containsAll(markets()));
        Await.until("a listing for every tracked market", () -> published.markets().stream()
                .map(Market::getMarket).collect(Collectors.toSet()).containsAll(markets()));
        List<PriceTick> ticks = published.ticks();
        assertThat(ticks).allSatisfy(tick -> {
            assertThat(markets()).contains(tick.getMarket());
            assertThat(tick.getSource()).isNotBlank();
            assertThat(TickValidator.check(tick, MarketIds.assetClassOf(tick.getMarket()))).isEmpty();
            assertThat(tick.getTimestamp()).isAfter(Instant.EPOCH);
        });
        assertThat(ticks).filteredOn(tick -> tick.getBid() != null && tick.getAsk() != null)
                .allMatch(tick -> tick.getBid().compareTo(tick.getAsk()) <= 0);
        assertThat(ticks).filteredOn(tick -> tick.getMarket().contains(":"))
                .allMatch(tick -> below(tick.getBid()) && below(tick.getAsk()) && below(tick.getLast()));
        assertThat(published.keyedTicks()).allMatch(keyed -> keyed.getKey().equals(keyed.getValue().getMarket()));
    }

    @Test
    void shouldReportRunningWithItsCountersWhileTicksFlow() {
        MarketDataConnector running = started(LONG_TICK_AGE);
        deliver();

        Await.until("RUNNING", () -> running.health().state() == ConnectorState.RUNNING
                && running.health().ticksPublished() >= markets().size());
        ConnectorHealth health = running.health();
        assertThat(health.source()).isEqualTo(feed());
        assertThat(health.lastTickAt()).isNotNull();
        assertThat(health.isHealthy(Instant.now(), LONG_TICK_AGE)).isTrue();
    }

    @Test
    void shouldRefuseASecondStart() {
        MarketDataConnector once = started(LONG_TICK_AGE);

        assertThatThrownBy(once::start).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void shouldStopIdempotentlyAndReportStopped() {
        MarketDataConnector stopping = started(LONG_TICK_AGE);
        deliver();
        Await.until("a tick", () -> stopping.health().ticksPublished() > 0);

        stopping.stop();
        stopping.stop();

        assertThat(stopping.health().state()).isEqualTo(ConnectorState.STOPPED);
        assertThat(stopping.health().isHealthy(Instant.now(), LONG_TICK_AGE)).isFalse();
    }

    @Test
    void shouldCountMalformedInputAndKeepPublishing() {
        MarketDataConnector tolerant = started(LONG_TICK_AGE);
        deliver();
        Await.until("first ticks", () -> tickedMarkets().containsAll(markets()));
        long errors = tolerant.health().errors();

        assumeTrue(deliverGarbage(), "this source has no input to spoil");
        Await.until("the garbage counted", () -> tolerant.health().errors() > errors);
        int ticks = published.ticks().size();
        deliver();

        Await.until("ticks after the garbage", () -> published.ticks().size() > ticks);
        assertThat(tolerant.health().state()).isIn(ConnectorState.RUNNING, ConnectorState.DEGRADED);
        assertThat(published.ticks()).allMatch(tick -> TickValidator.check(tick,
                MarketIds.assetClassOf(tick.getMarket())).isEmpty());
    }

    @Test
    void shouldTurnDegradedWhenNoTickArrivesForTheMaxTickAge() {
        MarketDataConnector quiet = started(Duration.ofMillis(300));
        deliver();
        Await.until("a tick", () -> quiet.health().ticksPublished() > 0);

        assumeTrue(silence(), "this source cannot be silenced");

        Await.until("DEGRADED", () -> quiet.health().state() == ConnectorState.DEGRADED
                && quiet.health().detail() != null && quiet.health().detail().contains("no tick"));
        assertThat(quiet.health().isHealthy(Instant.now(), Duration.ofMillis(300))).isFalse();
        assertThat(meters.get("ingest.source.last.tick.age").tag("source", feed()).gauge().value())
                .isGreaterThanOrEqualTo(0.3);
    }

    private Set<String> tickedMarkets() {
        return published.ticks().stream().map(PriceTick::getMarket).collect(Collectors.toSet());
    }

    private static boolean below(BigDecimal price) {
        return price == null || price.compareTo(BigDecimal.ONE) <= 0;
    }
}
