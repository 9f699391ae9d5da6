package io.tradingengine.ingest.kalshi;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradingengine.avro.Market;
import io.tradingengine.avro.MarketStatus;
import io.tradingengine.ingest.source.Json;
import io.tradingengine.ingest.source.LiveQuote;
import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KalshiMarketsTest {

    @ParameterizedTest(name = "{0} with result ''{1}'' is {2} {3}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
        "active|-|OPEN|-",
        "initialized|-|HALTED|-",
        "inactive|-|HALTED|-",
        "closed|-|CLOSED|-",
        "disputed|-|CLOSED|-",
        "amended|-|CLOSED|-",
        "determined|yes|RESOLVED|YES",
        "finalized|no|RESOLVED|NO",
        "settled|yes|RESOLVED|YES",
        "determined|-|CLOSED|-",
        "finalized|scalar|CLOSED|-",
        "voided|-|CANCELLED|-",
        "finalized|void|CANCELLED|-"
    })
    void shouldMapStatusAndResult(String status, String result, MarketStatus expected, String outcome) {
        KalshiMarkets.StatusAndOutcome mapped = KalshiMarkets.status(status, result);

        assertThat(mapped.status()).isEqualTo(expected);
        assertThat(mapped.outcome()).isEqualTo(outcome);
    }

    @Test
    void shouldNotGuessAnUnknownStatus() {
        assertThat(KalshiMarkets.status("frozen", "")).isNull();
    }

    @Test
    void shouldPreferTheDollarStringsAndFallBackToCents() {
        LiveQuote current = KalshiMarkets.quote(Json.parse("{\"yes_bid\":27,\"yes_bid_dollars\":\"0.2700\","
                + "\"yes_ask_dollars\":\"0.2800\",\"last_price_dollars\":\"0.2800\"}"));
        LiveQuote legacy = KalshiMarkets.quote(Json.parse("{\"yes_bid\":11,\"yes_ask\":12,\"last_price\":12}"));
        LiveQuote empty = KalshiMarkets.quote(Json.parse("{\"yes_bid_dollars\":\"0.0000\",\"yes_ask_dollars\":\"\","
                + "\"price_dollars\":\"\",\"price\":0}"));

        assertThat(current).isEqualTo(new LiveQuote(new BigDecimal("0.2700"),
                new BigDecimal("0.2800"), new BigDecimal("0.2800")));
        assertThat(legacy.bid()).isEqualByComparingTo("0.11");
        assertThat(legacy.last()).isEqualByComparingTo("0.12");
        assertThat(empty.hasPrice()).isFalse();
    }

    @Test
    void shouldBuildAPredictionMarketFromARestMarket() {
        Market market = KalshiMarkets.market(Json.parse(KalshiFakes.market("KXFED-27APR-T4.25", "determined", "yes",
                "0", "0", "0.99")), Instant.parse("2026-07-18T00:00:00Z"), "kalshi");

        assertThat(market.getMarket()).isEqualTo("kalshi:KXFED-27APR-T4.25");
        assertThat(market.getStatus()).isEqualTo(MarketStatus.RESOLVED);
        assertThat(market.getOutcome()).isEqualTo("YES");
        assertThat(market.getTitle()).isEqualTo("Title of KXFED-27APR-T4.25");
    }

    @Test
    void shouldReadTheMessageTimeFromMillisSecondsOrRfc3339() {
        assertThat(KalshiMarkets.time(Json.parse("{\"ts\":1669149841,\"ts_ms\":1669149841123}")))
                .isEqualTo(Instant.ofEpochMilli(1669149841123L));
        assertThat(KalshiMarkets.time(Json.parse("{\"ts\":1669149841}"))).isEqualTo(Instant.ofEpochSecond(1669149841));
        assertThat(KalshiMarkets.time(Json.parse("{\"ts\":\"2022-11-22T20:44:01Z\"}")))
                .isEqualTo(Instant.parse("2022-11-22T20:44:01Z"));
        assertThat(KalshiMarkets.time(Json.parse("{}"))).isNull();
    }
}
