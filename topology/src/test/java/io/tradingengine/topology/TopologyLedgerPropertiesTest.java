package io.tradingengine.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradingengine.avro.AssessmentStatus;
import io.tradingengine.avro.AssetClass;
import io.tradingengine.avro.DrawdownMode;
import io.tradingengine.avro.MarketStatus;
import io.tradingengine.avro.OrderResult;
import io.tradingengine.avro.OrderStatus;
import io.tradingengine.avro.Position;
import io.tradingengine.avro.Side;
import io.tradingengine.avro.Trade;
import io.tradingengine.avro.TradeKind;
import io.tradingengine.avro.internal.AssessmentState;
import io.tradingengine.domain.Money;
import io.tradingengine.domain.PositionState;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;

/**
 * The ledger invariants on the real topology: random orders and ticks through the test driver, then the trades
 * topic, the stores and the results must agree. Fewer tries than the domain properties: each builds a topology.
 */
class TopologyLedgerPropertiesTest {

    private static final String BTC = "BTC/USD";
    private static final String RAIN = "kalshi:RAIN";

    /** An order (quantity set) or a tick (bid and ask set). */
    record Step(String market, Side side, String quantity, String bid, String ask) {
    }

    @Property(tries = 12)
    void tradesStoresAndResultsAgree(@ForAll("drawdowns") String maxDrawdown, @ForAll("steps") List<Step> steps)
            throws IOException {
        Path dir = Files.createTempDirectory("ledger-property");
        try (EngineFixture engine = new EngineFixture(dir)) {
            engine.market(BTC, AssetClass.CRYPTO, MarketStatus.OPEN);
            engine.market(RAIN, AssetClass.PREDICTION, MarketStatus.OPEN);
            engine.assessment("A1", "u1", "100000",
                    EngineFixture.riskRules(maxDrawdown, DrawdownMode.STATIC, null, null));
            Map<String, Step> quotes = new HashMap<>();
            quotes.put(BTC, tick(engine, new Step(BTC, null, null, "50000", "50010")));
            quotes.put(RAIN, tick(engine, new Step(RAIN, null, null, "0.50", "0.52")));
            List<Trade> trades = new ArrayList<>();
            int orders = 0;
            for (Step step : steps) {
                boolean failedBefore = engine.assessmentStore().get("A1").getStatus() == AssessmentStatus.FAILED;
                if (step.quantity() == null) {
                    quotes.put(step.market(), tick(engine, step));
                } else {
                    engine.order("o" + orders++, "A1", "u1", step.market(), step.side(), step.quantity());
                    OrderResult result = engine.results.readValue();
                    if (failedBefore) {
                        assertThat(result.getStatus()).isEqualTo(OrderStatus.REJECTED);
                    }
                }
                List<Trade> newTrades = engine.trades.readValuesToList();
                if (failedBefore) {
                    assertThat(newTrades).isEmpty();
                }
                for (Trade trade : newTrades) {
                    if (trade.getKind() == TradeKind.FILL) {
                        assertWithinSlippageBand(trade, quotes.get(trade.getMarket()));
                    }
                }
                trades.addAll(newTrades);
            }
            assertBooksBalance(engine, trades);
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    private static Step tick(EngineFixture engine, Step step) {
        engine.tick(step.market(), step.bid(), step.ask(), null);
        return step;
    }

    private static void assertWithinSlippageBand(Trade trade, Step quote) {
        boolean prediction = trade.getAssetClass() == AssetClass.PREDICTION;
        BigDecimal slippage = new BigDecimal(prediction ? "0.002" : "0.001");
        BigDecimal reference = new BigDecimal(trade.getSide() == Side.LONG ? quote.ask() : quote.bid());
        BigDecimal concession = trade.getSide() == Side.LONG
                ? trade.getPrice().subtract(reference)
                : reference.subtract(trade.getPrice());
        assertThat(concession).isBetween(BigDecimal.ZERO, reference.multiply(slippage).add(new BigDecimal("1E-18")));
    }

    private static void assertBooksBalance(EngineFixture engine, List<Trade> trades) {
        BigDecimal realized = Money.ZERO;
        BigDecimal fees = Money.ZERO;
        Map<String, PositionState> rebuilt = new TreeMap<>();
        for (Trade trade : trades) {
            realized = realized.add(trade.getRealizedPnl());
            fees = fees.add(trade.getFee());
            PositionState before = rebuilt.getOrDefault(trade.getMarket(), PositionState.FLAT);
            rebuilt.put(trade.getMarket(), before.apply(AvroMapping.side(trade.getSide()), trade.getQuantity(),
                    trade.getPrice(), trade.getFee()).position());
        }
        AssessmentState state = engine.assessmentStore().get("A1");
        assertThat(state.getBalance()).isEqualTo(Money.of("100000").add(realized).subtract(fees));

        Map<String, PositionState> stored = new TreeMap<>();
        try (KeyValueIterator<String, Position> it = engine.positionStore().all()) {
            while (it.hasNext()) {
                KeyValue<String, Position> entry = it.next();
                stored.put(entry.value.getMarket(), AvroMapping.positionState(entry.value));
            }
        }
        assertThat(stored).isEqualTo(rebuilt);
        Map<String, Position> lastPublished = new TreeMap<>();
        engine.positions.readKeyValuesToList().forEach(kv -> lastPublished.put(kv.key, kv.value));
        lastPublished.forEach((key, position) -> assertThat(engine.positionStore().get(key)).isEqualTo(position));
    }

    @Provide
    Arbitrary<String> drawdowns() {
        return Arbitraries.of("3", "5", "10").injectNull(0.2);
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        Arbitrary<Step> btcOrder = Combinators.combine(Arbitraries.of(Side.class),
                        Arbitraries.of("0.01", "0.1", "0.5", "1", "1.5"))
                .as((side, quantity) -> new Step(BTC, side, quantity, null, null));
        Arbitrary<Step> rainOrder = Combinators.combine(Arbitraries.of(Side.class),
                        Arbitraries.of("10", "1000", "20000"))
                .as((side, quantity) -> new Step(RAIN, side, quantity, null, null));
        Arbitrary<Step> btcTick = Arbitraries.integers().between(40000, 60000)
                .map(bid -> new Step(BTC, null, null, bid + ".00", (bid + 10) + ".00"));
        Arbitrary<Step> rainTick = Arbitraries.integers().between(1, 97)
                .map(cents -> new Step(RAIN, null, null, String.format(Locale.ROOT, "0.%02d", cents),
                        String.format(Locale.ROOT, "0.%02d", cents + 2)));
        return Arbitraries.frequencyOf(Tuple.of(3, btcOrder), Tuple.of(2, rainOrder), Tuple.of(3, btcTick),
                Tuple.of(2, rainTick)).list().ofMinSize(5).ofMaxSize(25);
    }
}
