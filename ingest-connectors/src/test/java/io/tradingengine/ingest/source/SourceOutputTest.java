package io.tradingengine.ingest.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tradingengine.avro.AssetClass;
import io.tradingengine.avro.Market;
import io.tradingengine.avro.MarketStatus;
import io.tradingengine.ingest.support.CapturingPublisher;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SourceOutputTest {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final CapturingPublisher published = new CapturingPublisher(meters);
    private final SourceMonitor monitor = new SourceMonitor("test", meters, Clock.systemUTC(), Duration.ofMinutes(1));
    private final SourceOutput output = new SourceOutput(published.publisher(), monitor);

    @Test
    void shouldPublishAMarketOnlyWhenItsStatusOutcomeOrTitleChanges() {
        assertThat(output.market(market(MarketStatus.OPEN, null))).isTrue();
        assertThat(output.market(market(MarketStatus.OPEN, null))).isFalse();
        assertThat(output.market(market(MarketStatus.CLOSED, null))).isTrue();
        assertThat(output.market(market(MarketStatus.RESOLVED, "YES"))).isTrue();

        assertThat(published.markets()).extracting(Market::getStatus)
                .containsExactly(MarketStatus.OPEN, MarketStatus.CLOSED, MarketStatus.RESOLVED);
    }

    @Test
    void shouldNotReopenAResolvedMarket() {
        output.market(market(MarketStatus.RESOLVED, "NO"));

        assertThat(output.market(market(MarketStatus.CLOSED, null))).isFalse();
        assertThat(output.market(market(MarketStatus.OPEN, null))).isFalse();
        assertThat(published.markets()).hasSize(1);
    }

    @Test
    void shouldCountAMarketThePublisherRefusesInsteadOfThrowing() {
        assertThat(output.market(market(MarketStatus.RESOLVED, null))).isFalse();

        assertThat(monitor.errors(ErrorKind.PUBLISH)).isEqualTo(1);
    }

    @Test
    void shouldMergePartsOfAQuoteAndKeepOnlyValidatedOnes() {
        String market = "kalshi:X";
        output.quote(market, "test", q -> q.withTop(new BigDecimal("0.40"), new BigDecimal("0.45")), null, true);
        output.quote(market, "test", q -> q.withLast(new BigDecimal("0.42")), null, true);
        output.quote(market, "test", q -> q.withTop(new BigDecimal("0.50"), new BigDecimal("0.45")), null, true);

        assertThat(output.latest(market)).isEqualTo(new LiveQuote(new BigDecimal("0.40"), new BigDecimal("0.45"),
                new BigDecimal("0.42")));
        assertThat(published.ticks()).hasSize(2);
        assertThat(monitor.health().ticksRejected()).isEqualTo(1);
    }

    @Test
    void shouldSkipAnUnchangedQuoteUnlessAskedToPublishAnyway() {
        String market = "kalshi:X";
        output.quote(market, "test", q -> q.withTop(new BigDecimal("0.40"), new BigDecimal("0.45")), null, false);

        assertThat(output.quote(market, "test", q -> q.withTop(new BigDecimal("0.4000"), new BigDecimal("0.45")),
                null, false)).isFalse();
        assertThat(output.quote(market, "test", q -> q, null, true)).isTrue();
    }

    private static Market market(MarketStatus status, String outcome) {
        return Market.newBuilder().setMarket("kalshi:X").setAssetClass(AssetClass.PREDICTION).setStatus(status)
                .setOutcome(outcome).setUpdatedAt(Instant.parse("2026-01-01T00:00:00Z")).setTitle("X")
                .setSource("test").build();
    }
}
