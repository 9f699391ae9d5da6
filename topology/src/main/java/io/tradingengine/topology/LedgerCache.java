package io.tradingengine.topology;

import io.tradingengine.domain.Account;
import io.tradingengine.domain.MarketPosition;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NavigableSet;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.state.StoreBuilder;

/**
 * The assessment desk's in-memory copy of what it reads on every tick: accounts and each assessment's positions as
 * domain values (decimals in canonical form, mapped from the wire scale once per load, not once per tick), and the
 * holders of each market. It sits in front of {@link StoreNames#ASSESSMENTS},
 * {@link StoreNames#POSITIONS} and {@link StoreNames#HOLDERS}, which stay the truth (changelogged, queried by the
 * REST layer); {@link AccountLedger} fills it on a miss and writes through both on every change, so an entry is
 * never older than its store.
 *
 * <p>Why a state store: every processor of a task (orders, assessments, mark to market, settlement) must see the
 * same copy, and Streams gives each task one instance of a store and closes it with the task (revocation, a
 * dirty close after an aborted transaction, a corrupted task). {@link #close} forgets everything, so after a
 * rollback the copy is rebuilt from the restored stores, never carried over. One path does not close stores: a task
 * recycled from active to standby and back keeps its state manager, and its stores are updated from the changelog
 * meanwhile; so every processor's {@code init} (which Streams calls on every activation, whatever the path) also
 * calls {@link #clear} through {@link AccountLedger}. It is not logged and not persistent: there is nothing in it
 * that the stores do not hold.
 *
 * <p>Memory: at most {@code maxAssessments} accounts and as many position maps per task (least recently used
 * first out); the holders sets are loaded per market on its first tick and hold one entry per open position.
 */
final class LedgerCache implements StateStore {

    /**
     * Accounts (and as many position maps) kept per task by default. An account with every rule set and one open
     * position takes about 790 bytes of heap ({@code LedgerCacheFootprintMain}: 15.1 MiB for 20,000), so six full
     * tasks on one instance hold about 90 MiB; each further position adds to its entry.
     */
    static final int DEFAULT_MAX_ASSESSMENTS = 20_000;

    private final String name;
    private final int maxAssessments;
    private Map<String, Account> accounts = new HashMap<>();
    private Map<String, NavigableMap<String, MarketPosition>> positions = new HashMap<>();
    private final Map<String, NavigableSet<String>> holders = new HashMap<>();
    private boolean holdersIndexChecked;
    private boolean open;

    LedgerCache(String name, int maxAssessments) {
        if (maxAssessments <= 0) {
            throw new IllegalArgumentException("maxAssessments must be > 0, was " + maxAssessments);
        }
        this.name = name;
        this.maxAssessments = maxAssessments;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void init(StateStoreContext context, StateStore root) {
        accounts = lru(maxAssessments);
        positions = lru(maxAssessments);
        holders.clear();
        holdersIndexChecked = false;
        // Nothing to restore: the cache fills from the restored stores on demand.
        context.register(root, (key, value) -> { });
        open = true;
    }

    @Override
    public void close() {
        clear();
        open = false;
    }

    /** Forgets everything: the next reads load from the stores. */
    void clear() {
        accounts.clear();
        positions.clear();
        holders.clear();
        holdersIndexChecked = false;
    }

    /** Whether the holders index was checked against the positions since the cache was last cleared. */
    boolean holdersIndexChecked() {
        return holdersIndexChecked;
    }

    void markHoldersIndexChecked() {
        holdersIndexChecked = true;
    }

    @Override
    public boolean persistent() {
        return false;
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    /** The cached account, or null when not cached. */
    Account account(String assessmentId) {
        return accounts.get(assessmentId);
    }

    void putAccount(Account account) {
        accounts.put(account.assessmentId(), account);
    }

    /** The complete position map of an assessment (market → position), or null when not cached. */
    NavigableMap<String, MarketPosition> positions(String assessmentId) {
        return positions.get(assessmentId);
    }

    /** Caches the complete position map of an assessment, as read from the store. */
    void putPositions(String assessmentId, NavigableMap<String, MarketPosition> byMarket) {
        positions.put(assessmentId, byMarket);
    }

    /** The complete set of holders of a market in this task, or null when not cached. */
    NavigableSet<String> holders(String market) {
        return holders.get(market);
    }

    /** Caches the complete set of holders of a market, as read from the store. */
    void putHolders(String market, NavigableSet<String> ids) {
        holders.put(market, ids);
    }

    private static <V> Map<String, V> lru(int max) {
        return new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > max;
            }
        };
    }

    /** Builds one cache per task; never logged, never cached by Streams (it is the cache). */
    static final class Builder implements StoreBuilder<LedgerCache> {

        private final String name;
        private final int maxAssessments;

        Builder(String name, int maxAssessments) {
            this.name = name;
            this.maxAssessments = maxAssessments;
        }

        @Override
        public StoreBuilder<LedgerCache> withCachingEnabled() {
            return this;
        }

        @Override
        public StoreBuilder<LedgerCache> withCachingDisabled() {
            return this;
        }

        @Override
        public StoreBuilder<LedgerCache> withLoggingEnabled(Map<String, String> config) {
            throw new UnsupportedOperationException("the ledger cache holds nothing to log");
        }

        @Override
        public StoreBuilder<LedgerCache> withLoggingDisabled() {
            return this;
        }

        @Override
        public LedgerCache build() {
            return new LedgerCache(name, maxAssessments);
        }

        @Override
        public Map<String, String> logConfig() {
            return Map.of();
        }

        @Override
        public boolean loggingEnabled() {
            return false;
        }

        @Override
        public String name() {
            return name;
        }
    }
}
