package io.tradingengine.api.query;

import io.tradingengine.avro.Market;
import io.tradingengine.avro.OrderResult;
import io.tradingengine.avro.Position;
import io.tradingengine.avro.PriceTick;
import io.tradingengine.avro.internal.AssessmentState;
import io.tradingengine.topology.StoreNames;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Interactive queries on this instance's Kafka Streams stores. For a keyed read it first asks
 * {@link KafkaStreams#queryMetadataForKey} which partition and instance own the assessment, then reads only that
 * partition of the local store. A key owned by another instance (known when {@code application.server} is set) or a
 * store that is not queryable (restoring, rebalancing) raises {@link StoreUnavailableException}; forwarding to the
 * owner is the next step (issue 4).
 */
public final class StreamsQueryService implements QueryService {

    private static final StringSerializer KEYS = new StringSerializer();

    private final KafkaStreams streams;
    private final HostInfo self;

    /**
     * @param streams the running (or starting) Streams instance of this process
     * @param self this instance's {@code application.server}, or null for a single instance
     */
    public StreamsQueryService(KafkaStreams streams, HostInfo self) {
        this.streams = streams;
        this.self = self;
    }

    @Override
    public Optional<AccountSnapshot> account(String assessmentId) {
        return guarded(() -> {
            int partition = locate(StoreNames.ASSESSMENTS, assessmentId);
            ReadOnlyKeyValueStore<String, AssessmentState> assessments = local(StoreNames.ASSESSMENTS, partition);
            AssessmentState state = assessments.get(assessmentId);
            if (state == null) {
                return Optional.empty();
            }
            List<Position> positions = positions(assessmentId, locate(StoreNames.POSITIONS, assessmentId));
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
        // read every local partition.
        return guarded(() -> {
            ReadOnlyKeyValueStore<String, OrderResult> results = streams.store(
                    StoreQueryParameters.fromNameAndType(StoreNames.ORDER_RESULTS,
                            QueryableStoreTypes.<String, OrderResult>keyValueStore()));
            return Optional.ofNullable(results.get(orderId));
        });
    }

    @Override
    public Optional<PriceTick> price(String market) {
        return guarded(() -> Optional.ofNullable(this.<PriceTick>global(StoreNames.PRICES).get(market)));
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

    private List<Position> positions(String assessmentId, int partition) {
        ReadOnlyKeyValueStore<String, Position> store = local(StoreNames.POSITIONS, partition);
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

    /** The partition of the assessment in {@code store}, when this instance is its active owner. */
    private int locate(String store, String assessmentId) {
        KeyQueryMetadata metadata = streams.queryMetadataForKey(store, assessmentId, KEYS);
        if (metadata == null || metadata.equals(KeyQueryMetadata.NOT_AVAILABLE) || metadata.partition() < 0) {
            throw new StoreUnavailableException("store " + store + " is not available yet (starting or rebalancing)");
        }
        HostInfo owner = metadata.activeHost();
        boolean ownerKnown = owner != null && !owner.equals(HostInfo.unavailable());
        if (self != null && ownerKnown && !owner.equals(self)) {
            throw new StoreUnavailableException("assessment " + assessmentId + " is served by " + owner.host() + ":"
                    + owner.port());
        }
        return metadata.partition();
    }

    private <V> ReadOnlyKeyValueStore<String, V> local(String store, int partition) {
        return streams.store(StoreQueryParameters
                .fromNameAndType(store, QueryableStoreTypes.<String, V>keyValueStore())
                .withPartition(partition));
    }

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

    @FunctionalInterface
    private interface Read<T> {
        T run();
    }
}
