package io.tradingengine.api.query;

import io.tradingengine.avro.Market;
import io.tradingengine.avro.OrderResult;
import io.tradingengine.avro.Position;
import io.tradingengine.avro.PriceTick;
import io.tradingengine.avro.internal.AssessmentState;
import io.tradingengine.topology.StoreNames;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.LagInfo;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Interactive queries on this instance's Kafka Streams stores. A keyed read asks
 * {@link KafkaStreams#queryMetadataForKey} for the assessment's partition and reads only that partition of the local
 * store: the active copy (which must be this instance's and RUNNING), or in {@link ReadMode#standby standby mode} a
 * standby or restoring copy whose changelog lag ({@link KafkaStreams#allLocalStorePartitionLags()}, fetched with a
 * time limit and cached briefly) is within the bound. Anything else raises {@link StoreUnavailableException}.
 */
public final class StreamsQueryService implements QueryService, AutoCloseable {

    private static final StringSerializer KEYS = new StringSerializer();
    /** Lags come from the brokers (end offsets): bounded, and shared by the reads of a short moment. */
    private static final Duration LAG_TIMEOUT = Duration.ofSeconds(1);
    private static final Duration LAG_FRESHNESS = Duration.ofMillis(250);
    private static final String PROBE_KEY = "\u0000ready-probe";

    private final KafkaStreams streams;
    private final HostInfo self;
    private final ExecutorService lagReader;
    private volatile CachedLags lags;

    private record CachedLags(Map<String, Map<Integer, LagInfo>> lags, long fetchedAtNanos) {
    }

    /**
     * @param streams the running (or starting) Streams instance of this process
     * @param self this instance's {@code application.server}, or null for a single instance
     */
    public StreamsQueryService(KafkaStreams streams, HostInfo self) {
        this.streams = streams;
        this.self = self;
        this.lagReader = Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, "store-lag-reader");
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public Optional<AccountSnapshot> account(String assessmentId) {
        return account(assessmentId, ReadMode.ACTIVE);
    }

    @Override
    public Optional<AccountSnapshot> account(String assessmentId, ReadMode mode) {
        return guarded(() -> {
            int partition = partition(assessmentId, mode, StoreNames.ASSESSMENTS, StoreNames.POSITIONS);
            AssessmentState state = this.<AssessmentState>local(StoreNames.ASSESSMENTS, partition, mode)
                    .get(assessmentId);
            if (state == null) {
                return Optional.empty();
            }
            List<Position> positions = positions(assessmentId, partition, mode);
            Map<String, PriceTick> prices = new LinkedHashMap<>();
            ReadOnlyKeyValueStore<String, PriceTick> priceStore = global(StoreNames.PRICES);
            for (Position position : positions) {
                PriceTick tick = priceStore.get(position.getMarket());
                if (tick != null) {
                    prices.put(position.getMarket(), tick);
                }
            }
            return Optional.of(new AccountSnapshot(state, positions, prices));
        });
    }

    @Override
    public Optional<OrderResult> orderResult(String orderId) {
        // The store is keyed by order id but partitioned by assessment id, which a GET /orders/{id} does not know:
        // read every local active partition.
        return guarded(() -> {
            ReadOnlyKeyValueStore<String, OrderResult> results = streams.store(
                    StoreQueryParameters.fromNameAndType(StoreNames.ORDER_RESULTS,
                            QueryableStoreTypes.<String, OrderResult>keyValueStore()));
            return Optional.ofNullable(results.get(orderId));
        });
    }

    @Override
    public Optional<OrderResult> orderResult(String assessmentId, String orderId, ReadMode mode) {
        return guarded(() -> {
            int partition = partition(assessmentId, mode, StoreNames.ORDER_RESULTS);
            OrderResult result = this.<OrderResult>local(StoreNames.ORDER_RESULTS, partition, mode).get(orderId);
            // An order id names one order; with another assessment id it is not this assessment's order.
            return Optional.ofNullable(result).filter(r -> assessmentId.equals(r.getAssessmentId()));
        });
    }

    @Override
    public Optional<PriceTick> price(String market) {
        return guarded(() -> Optional.ofNullable(this.<PriceTick>global(StoreNames.PRICES).get(market)));
    }

    @Override
    public Optional<Market> market(String market) {
        return guarded(() -> Optional.ofNullable(this.<Market>global(StoreNames.MARKETS).get(market)));
    }

    @Override
    public List<Market> markets() {
        return guarded(() -> {
            List<Market> markets = new ArrayList<>();
            try (KeyValueIterator<String, Market> all = this.<Market>global(StoreNames.MARKETS).all()) {
                all.forEachRemaining(entry -> markets.add(entry.value));
            }
            markets.sort(Comparator.comparing(Market::getMarket));
            return markets;
        });
    }

    @Override
    public Optional<String> notReadyReason() {
        KafkaStreams.State state = streams.state();
        return switch (state) {
            case CREATED -> Optional.of("streams starting");
            case REBALANCING -> Optional.of(restoring() ? "streams restoring state" : "streams rebalancing");
            case RUNNING -> storesAnswer();
            case PENDING_SHUTDOWN, NOT_RUNNING -> Optional.of("streams stopped");
            default -> Optional.of("streams failed");
        };
    }

    /** A stream thread that has its partitions but is not RUNNING yet is restoring their state. */
    private boolean restoring() {
        try {
            return streams.metadataForLocalThreads().stream()
                    .anyMatch(thread -> "PARTITIONS_ASSIGNED".equals(thread.threadState()));
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** RUNNING is not enough: the stores must open for reads. */
    private Optional<String> storesAnswer() {
        try {
            this.<AssessmentState>global(StoreNames.ASSESSMENTS).get(PROBE_KEY);
            this.<PriceTick>global(StoreNames.PRICES).get(PROBE_KEY);
            this.<Market>global(StoreNames.MARKETS).get(PROBE_KEY);
            return Optional.empty();
        } catch (InvalidStateStoreException | IllegalStateException e) {
            return Optional.of("stores restoring: " + e.getMessage());
        }
    }

    private List<Position> positions(String assessmentId, int partition, ReadMode mode) {
        ReadOnlyKeyValueStore<String, Position> store = local(StoreNames.POSITIONS, partition, mode);
        List<Position> positions = new ArrayList<>();
        try (KeyValueIterator<String, Position> range =
                     store.prefixScan(StoreNames.positionPrefix(assessmentId), KEYS)) {
            while (range.hasNext()) {
                KeyValue<String, Position> entry = range.next();
                positions.add(entry.value);
            }
        }
        positions.sort(Comparator.comparing(Position::getMarket));
        return positions;
    }

    /**
     * The assessment's partition, checked for {@code mode}: this instance is its active owner, or holds a copy of it
     * in every one of {@code stores} within the lag bound.
     */
    private int partition(String assessmentId, ReadMode mode, String... stores) {
        KeyQueryMetadata metadata = streams.queryMetadataForKey(StoreNames.ASSESSMENTS, assessmentId, KEYS);
        if (metadata == null || metadata.equals(KeyQueryMetadata.NOT_AVAILABLE) || metadata.partition() < 0) {
            throw new StoreUnavailableException("assessment stores are not available yet (starting or rebalancing)");
        }
        int partition = metadata.partition();
        if (mode.standby()) {
            for (String store : stores) {
                long lag = lag(store, partition);
                if (lag > mode.maxLag()) {
                    throw new StoreUnavailableException("the copy of " + store + " partition " + partition
                            + " here is " + lag + " records behind (bound " + mode.maxLag() + ")");
                }
            }
            return partition;
        }
        HostInfo owner = metadata.activeHost();
        boolean ownerKnown = owner != null && !owner.equals(HostInfo.unavailable());
        if (self != null && ownerKnown && !owner.equals(self)) {
            throw new StoreUnavailableException("assessment " + assessmentId + " is served by " + owner.host() + ":"
                    + owner.port());
        }
        return partition;
    }

    private long lag(String store, int partition) {
        LagInfo info = lags().getOrDefault(store, Map.of()).get(partition);
        if (info == null) {
            throw new StoreUnavailableException("no copy of " + store + " partition " + partition + " here");
        }
        return info.offsetLag();
    }

    private Map<String, Map<Integer, LagInfo>> lags() {
        CachedLags cached = lags;
        long now = System.nanoTime();
        if (cached != null && now - cached.fetchedAtNanos() < LAG_FRESHNESS.toNanos()) {
            return cached.lags();
        }
        Future<Map<String, Map<Integer, LagInfo>>> fetch = lagReader.submit(streams::allLocalStorePartitionLags);
        try {
            Map<String, Map<Integer, LagInfo>> fresh = fetch.get(LAG_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            lags = new CachedLags(fresh, now);
            return fresh;
        } catch (TimeoutException e) {
            fetch.cancel(true);
            throw new StoreUnavailableException("store lags unknown: the brokers did not answer in time", e);
        } catch (ExecutionException e) {
            throw new StoreUnavailableException("store lags unknown: " + e.getCause(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreUnavailableException("interrupted", e);
        }
    }

    private <V> ReadOnlyKeyValueStore<String, V> local(String store, int partition, ReadMode mode) {
        StoreQueryParameters<ReadOnlyKeyValueStore<String, V>> parameters = StoreQueryParameters
                .fromNameAndType(store, QueryableStoreTypes.<String, V>keyValueStore())
                .withPartition(partition);
        return streams.store(mode.standby() ? parameters.enableStaleStores() : parameters);
    }

    /** A global store, or every local active partition of a partitioned one. */
    private <V> ReadOnlyKeyValueStore<String, V> global(String store) {
        return streams.store(
                StoreQueryParameters.fromNameAndType(store, QueryableStoreTypes.<String, V>keyValueStore()));
    }

    /** Runs a read, turning "not queryable now" of any kind into {@link StoreUnavailableException}. */
    private static <T> T guarded(Read<T> read) {
        try {
            return read.run();
        } catch (InvalidStateStoreException e) {
            throw new StoreUnavailableException("state store not queryable: " + e.getMessage(), e);
        } catch (IllegalStateException e) {
            // KafkaStreams throws it when it is neither running nor rebalancing.
            throw new StoreUnavailableException("streams not running: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        lagReader.shutdownNow();
    }

    @FunctionalInterface
    private interface Read<T> {
        T run();
    }
}
