package io.tradingengine.ingest.polymarket;

import static io.tradingengine.ingest.polymarket.PolymarketFixtures.NO;
import static io.tradingengine.ingest.polymarket.PolymarketFixtures.YES;
import static org.assertj.core.api.Assertions.assertThat;

import io.tradingengine.avro.MarketStatus;
import io.tradingengine.ingest.source.Json;
import org.junit.jupiter.api.Test;

class GammaStatusTest {

    @Test
    void shouldReadAnOpenMarket() {
        assertThat(status(false, null, "0.5", "0.5", 0).status()).isEqualTo(MarketStatus.OPEN);
    }

    @Test
    void shouldKeepAProposedOrClosedMarketClosedUntilResolved() {
        assertThat(status(true, null, "1", "0", 0).status()).isEqualTo(MarketStatus.CLOSED);
        assertThat(status(true, "proposed", "1", "0", 0).status()).isEqualTo(MarketStatus.CLOSED);
        assertThat(status(true, "resolved", "0.9995", "0.0005", 0).status()).isEqualTo(MarketStatus.CLOSED);
    }

    @Test
    void shouldHaltADisputedMarket() {
        assertThat(status(true, "disputed", "1", "0", 0).status()).isEqualTo(MarketStatus.HALTED);
    }

    @Test
    void shouldResolveEachTokenByItsFinalPrice() {
        GammaStatus yes = status(true, "resolved", "1", "0", 0);
        GammaStatus no = status(true, "resolved", "1", "0", 1);

        assertThat(yes.status()).isEqualTo(MarketStatus.RESOLVED);
        assertThat(yes.outcome()).isEqualTo("YES");
        assertThat(no.outcome()).isEqualTo("NO");
    }

    @Test
    void shouldTreatAFiftyFiftyResolutionAsACancellation() {
        assertThat(status(true, "resolved", "0.5", "0.5", 0).status()).isEqualTo(MarketStatus.CANCELLED);
    }

    @Test
    void shouldHaltAMarketThatStoppedAcceptingOrders() {
        GammaStatus status = GammaStatus.of(Json.parse("{\"active\":true,\"closed\":false,\"acceptingOrders\":false,"
                + "\"outcomePrices\":[\"0.4\",\"0.6\"]}"), 0);

        assertThat(status.status()).isEqualTo(MarketStatus.HALTED);
    }

    @Test
    void shouldReadListsWrittenAsJsonStringsOrArrays() {
        assertThat(GammaStatus.stringList(Json.parse("\"[\\\"" + YES + "\\\", \\\"" + NO + "\\\"]\"")))
                .containsExactly(YES, NO);
        assertThat(GammaStatus.stringList(Json.parse("[\"Yes\",\"No\"]"))).containsExactly("Yes", "No");
        assertThat(GammaStatus.stringList(Json.parse("\"[]\""))).isEmpty();
        assertThat(GammaStatus.stringList(null)).isEmpty();
    }

    private static GammaStatus status(boolean closed, String uma, String yesPrice, String noPrice, int index) {
        return GammaStatus.of(Json.parse(PolymarketFixtures.gammaMarket("550834", YES, NO, closed, uma, yesPrice,
                noPrice)), index);
    }
}
