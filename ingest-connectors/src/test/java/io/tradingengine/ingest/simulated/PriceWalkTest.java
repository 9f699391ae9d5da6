package io.tradingengine.ingest.simulated;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PriceWalkTest {

    private static final int STEPS = 50_000;

    @Test
    void shouldKeepACryptoPricePositiveEvenWithExtremeVolatility() {
        PriceWalk walk = new PriceWalk(new WalkSpec(new BigDecimal("150"), new BigDecimal("0.1"),
                new BigDecimal("0.001"), new BigDecimal("0.01"), BigDecimal.ZERO, false), new Random(7));

        for (int i = 0; i < STEPS; i++) {
            Quote quote = walk.next();
            assertThat(quote.bid()).isPositive();
            assertThat(quote.ask()).isGreaterThan(quote.bid());
        }
    }

    @Test
    void shouldKeepAPredictionPriceStrictlyBetweenZeroAndOne() {
        PriceWalk walk = new PriceWalk(new WalkSpec(new BigDecimal("0.5"), new BigDecimal("0.1"),
                new BigDecimal("0.01"), new BigDecimal("0.01"), BigDecimal.ZERO, true), new Random(11));
        boolean touchedLowEdge = false;
        boolean touchedHighEdge = false;

        for (int i = 0; i < STEPS; i++) {
            Quote quote = walk.next();
            assertThat(quote.bid()).isPositive();
            assertThat(quote.ask()).isLessThan(BigDecimal.ONE).isGreaterThan(quote.bid());
            assertThat(quote.last()).isBetween(quote.bid(), quote.ask());
            touchedLowEdge |= quote.bid().compareTo(new BigDecimal("0.01")) == 0;
            touchedHighEdge |= quote.ask().compareTo(new BigDecimal("0.99")) == 0;
        }
        // The volatility is high enough to reach both edges: the bounds, not luck, kept the prices inside.
        assertThat(touchedLowEdge).isTrue();
        assertThat(touchedHighEdge).isTrue();
    }

    @Test
    void shouldQuoteBidBelowAskWithTheLastBetweenThemOnTheTickGrid() {
        for (SimulatedMarket market : SimulatedMarket.defaults()) {
            PriceWalk walk = new PriceWalk(market.walk(), new Random(3));
            BigDecimal tick = market.walk().tickSize();
            for (int i = 0; i < 5_000; i++) {
                Quote quote = walk.next();
                assertThat(quote.bid()).as(market.market()).isPositive().isLessThan(quote.ask());
                assertThat(quote.last()).as(market.market()).isBetween(quote.bid(), quote.ask());
                assertThat(onGrid(quote.bid(), tick) && onGrid(quote.ask(), tick) && onGrid(quote.last(), tick))
                        .as(market.market() + " " + quote).isTrue();
            }
        }
    }

    @Test
    void shouldQuoteARealisticBitcoinSpread() {
        PriceWalk walk = new PriceWalk(SimulatedMarket.defaults().get(0).walk(), new Random(5));

        Quote quote = walk.next();

        BigDecimal spread = quote.ask().subtract(quote.bid());
        assertThat(quote.bid()).isBetween(new BigDecimal("60000"), new BigDecimal("70000"));
        assertThat(spread).isBetween(new BigDecimal("0.01"), new BigDecimal("20"));
    }

    @Test
    void shouldStayNearItsStartOverALongRun() {
        PriceWalk walk = new PriceWalk(WalkSpec.crypto("65000", "0.00015", "0.00005", "0.01"), new Random(1));

        for (int i = 0; i < 200_000; i++) {
            walk.next();
        }

        assertThat(walk.mid()).isBetween(new BigDecimal("52000"), new BigDecimal("78000"));
    }

    @Test
    void shouldRepeatTheSamePricesForTheSameSeed() {
        assertThat(quotes(42, 200)).isEqualTo(quotes(42, 200));
        assertThat(quotes(42, 200)).isNotEqualTo(quotes(43, 200));
    }

    @Test
    void shouldMoveThePrice() {
        List<Quote> quotes = quotes(9, 50);

        assertThat(quotes.stream().map(Quote::last).distinct().count()).isGreaterThan(10);
    }

    @Test
    void shouldRejectAWalkThatCouldReachZero() {
        assertThatThrownBy(() -> WalkSpec.crypto("65000", "0.2", "0.0001", "0.01"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldRejectAPredictionStartOutsideTheOpenInterval() {
        assertThatThrownBy(() -> WalkSpec.prediction("1.0", "0.001", "0.01", "0.01"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WalkSpec.prediction("0.01", "0.001", "0.01", "0.01"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static List<Quote> quotes(long seed, int steps) {
        PriceWalk walk = new PriceWalk(WalkSpec.crypto("3200", "0.0002", "0.0001", "0.01"), new Random(seed));
        List<Quote> quotes = new ArrayList<>();
        for (int i = 0; i < steps; i++) {
            quotes.add(walk.next());
        }
        return quotes;
    }

    private static boolean onGrid(BigDecimal price, BigDecimal tick) {
        return price.remainder(tick).signum() == 0;
    }
}
