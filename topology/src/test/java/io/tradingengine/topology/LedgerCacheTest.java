package io.tradingengine.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradingengine.domain.Account;
import io.tradingengine.domain.DrawdownMode;
import io.tradingengine.domain.MarketPosition;
import io.tradingengine.domain.Rules;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The per-task ledger cache: bounded, and empty again whenever Streams closes it with its task. */
class LedgerCacheTest {

    private final LedgerCache cache = new LedgerCache(StoreNames.LEDGER_CACHE, 2);

    @BeforeEach
    void open() {
        cache.init(new MockProcessorContext<>().getStateStoreContext(), cache);
    }

    @Test
    void shouldForgetEverythingWhenItsTaskClosesIt() {
        cache.putAccount(account("A1"));
        cache.putPositions("A1", new TreeMap<String, MarketPosition>());
        cache.putHolders("BTC/USD", new TreeSet<>(List.of("A1")));

        cache.close();

        assertThat(cache.isOpen()).isFalse();
        assertThat(cache.account("A1")).isNull();
        assertThat(cache.positions("A1")).isNull();
        assertThat(cache.holders("BTC/USD")).isNull();
    }

    @Test
    void shouldStartEmptyWhenReopenedAfterARollback() {
        cache.putAccount(account("A1"));
        cache.close();

        open();

        assertThat(cache.isOpen()).isTrue();
        assertThat(cache.account("A1")).isNull();
    }

    @Test
    void shouldDropTheLeastRecentlyUsedAccountBeyondItsBound() {
        cache.putAccount(account("A1"));
        cache.putAccount(account("A2"));
        cache.account("A1");

        cache.putAccount(account("A3"));

        assertThat(cache.account("A1")).isNotNull();
        assertThat(cache.account("A2")).isNull();
        assertThat(cache.account("A3")).isNotNull();
    }

    @Test
    void shouldNeitherPersistNorLogAnything() {
        LedgerCache.Builder builder = new LedgerCache.Builder(StoreNames.LEDGER_CACHE, 10);

        assertThat(cache.persistent()).isFalse();
        assertThat(builder.loggingEnabled()).isFalse();
        assertThat(builder.build().name()).isEqualTo(StoreNames.LEDGER_CACHE);
    }

    private static Account account(String id) {
        return Account.open(id, "u1", new BigDecimal("100000"), new Rules(null, DrawdownMode.STATIC, null, null,
                null, null, null, null, null), Instant.parse("2025-03-03T12:00:00Z"));
    }
}
