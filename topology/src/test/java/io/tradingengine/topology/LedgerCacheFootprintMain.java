package io.tradingengine.topology;

import io.tradingengine.domain.Account;
import io.tradingengine.domain.AssetClass;
import io.tradingengine.domain.DrawdownMode;
import io.tradingengine.domain.MarketPosition;
import io.tradingengine.domain.Money;
import io.tradingengine.domain.PositionState;
import io.tradingengine.domain.Rules;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Locale;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.streams.processor.api.MockProcessorContext;

/**
 * Prints the heap one {@link LedgerCache} entry takes: N accounts with every rule set, each with a position map of
 * one open position and a holder entry, as the cache holds them after a tick. Run from the repository root after
 * the classpath step of {@code OrderPathBenchmarkMain}:
 *
 * <pre>
 * java -Xmx2g -cp topology/target/test-classes:topology/target/classes:$(cat topology/target/bench.classpath) \
 *     io.tradingengine.topology.LedgerCacheFootprintMain
 * </pre>
 */
public final class LedgerCacheFootprintMain {

    private LedgerCacheFootprintMain() {
    }

    public static void main(String[] args) {
        int entries = args.length > 0 ? Integer.parseInt(args[0]) : LedgerCache.DEFAULT_MAX_ASSESSMENTS;
        LedgerCache cache = new LedgerCache(StoreNames.LEDGER_CACHE, entries);
        cache.init(new MockProcessorContext<>().getStateStoreContext(), cache);
        Instant at = Instant.parse("2025-03-03T12:00:00Z");
        Rules rules = new Rules(Money.of("10"), DrawdownMode.TRAILING, Money.of("5"), Money.of("8"), Money.of("50"),
                Money.of("80"), Money.of("2"), LocalTime.of(17, 0), ZoneId.of("America/New_York"));
        TreeSet<String> holders = new TreeSet<>();
        cache.putHolders("BTC/USD", holders);
        long before = usedAfterGc();
        for (int i = 0; i < entries; i++) {
            String id = "assessment-" + i;
            cache.putAccount(Account.open(id, "user-" + i, new BigDecimal("100000"), rules, at));
            // As AccountLedger loads it: the stored record, mapped into the domain's canonical form.
            NavigableMap<String, MarketPosition> positions = new TreeMap<>();
            positions.put("BTC/USD", AvroMapping.marketPosition(AvroMapping.position(id, "BTC/USD",
                    AssetClass.CRYPTO, new PositionState(Money.of("0.5"), Money.of("65075.01"), Money.ZERO,
                            Money.of("32.537505")), Money.of("65000"), at), null));
            cache.putPositions(id, positions);
            holders.add(id);
        }
        long after = usedAfterGc();
        System.out.printf(Locale.ROOT, "%d entries: %.1f MiB, %d bytes an entry%n", entries,
                (after - before) / 1048576.0, (after - before) / entries);
        cache.close();
    }

    private static long usedAfterGc() {
        Runtime runtime = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return runtime.totalMemory() - runtime.freeMemory();
    }
}
