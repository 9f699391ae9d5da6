package io.tradingengine.ingest.kalshi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradingengine.ingest.source.Json;
import io.tradingengine.ingest.source.SourceException;
import org.junit.jupiter.api.Test;

class KalshiOrderBookTest {

    @Test
    void shouldTakeTheBestYesBidAndTheYesAskImpliedByTheBestNoBid() {
        KalshiOrderBook book = KalshiOrderBook.snapshot(Json.parse("{\"market_ticker\":\"FED-23DEC-T3.00\","
                + "\"yes_dollars_fp\":[[\"0.0800\",\"300.00\"],[\"0.2200\",\"333.00\"]],"
                + "\"no_dollars_fp\":[[\"0.5400\",\"20.00\"],[\"0.5600\",\"146.00\"]]}"));

        assertThat(book.bestBid()).isEqualByComparingTo("0.22");
        assertThat(book.bestAsk()).isEqualByComparingTo("0.44");
    }

    @Test
    void shouldApplySignedDeltasAndDropEmptiedLevels() {
        KalshiOrderBook book = KalshiOrderBook.snapshot(Json.parse("{\"yes_dollars_fp\":[[\"0.2200\",\"10.00\"]]}"));

        book.apply(Json.parse("{\"price_dollars\":\"0.2500\",\"delta_fp\":\"2.50\",\"side\":\"yes\"}"));
        assertThat(book.bestBid()).isEqualByComparingTo("0.25");
        book.apply(Json.parse("{\"price_dollars\":\"0.2500\",\"delta_fp\":\"-2.50\",\"side\":\"yes\"}"));

        assertThat(book.bestBid()).isEqualByComparingTo("0.22");
        assertThat(book.bestAsk()).isNull();
    }

    @Test
    void shouldReadTheOlderShapes() {
        KalshiOrderBook cents = KalshiOrderBook.snapshot(Json.parse("{\"yes\":[[45,100],[44,200]],"
                + "\"no\":[[53,120]]}"));
        KalshiOrderBook dollars = KalshiOrderBook.snapshot(Json.parse("{\"yes_dollars\":[[\"0.4500\",100]],"
                + "\"no_dollars\":[[\"0.5300\",120]]}"));

        cents.apply(Json.parse("{\"price\":46,\"delta\":50,\"side\":\"yes\"}"));

        assertThat(cents.bestBid()).isEqualByComparingTo("0.46");
        assertThat(cents.bestAsk()).isEqualByComparingTo("0.47");
        assertThat(dollars.bestBid()).isEqualByComparingTo("0.45");
        assertThat(dollars.bestAsk()).isEqualByComparingTo("0.47");
    }

    @Test
    void shouldRejectAMalformedDelta() {
        KalshiOrderBook book = new KalshiOrderBook();

        assertThatThrownBy(() -> book.apply(Json.parse("{\"price_dollars\":\"0.5\",\"side\":\"maybe\"}")))
                .isInstanceOf(SourceException.class);
        assertThatThrownBy(() -> book.apply(Json.parse("{\"side\":\"yes\"}"))).isInstanceOf(SourceException.class);
    }
}
