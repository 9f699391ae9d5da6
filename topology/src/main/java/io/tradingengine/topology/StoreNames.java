package io.tradingengine.topology;

/**
 * Names of the topology's state stores, the contract with the REST layer's interactive queries
 * ({@code QueryableStoreTypes.keyValueStore()}), and the key format of the positions store.
 *
 * <p>All local stores are partitioned like the {@code orders} topic, by assessment id. To find the instance that
 * holds a key, call {@code KafkaStreams.queryMetadataForKey(store, assessmentId, new StringSerializer())} with the
 * <em>assessment id</em>, also for {@link #POSITIONS} and {@link #ORDER_RESULTS}, whose keys differ from it.
 */
public final class StoreNames {

    /** {@code KeyValueStore<String, io.tradingengine.avro.internal.AssessmentState>}, key assessment id. */
    public static final String ASSESSMENTS = "assessments-store";
    /** {@code KeyValueStore<String, io.tradingengine.avro.Position>}, key {@link #positionKey}. */
    public static final String POSITIONS = "positions-store";
    /** {@code KeyValueStore<String, io.tradingengine.avro.OrderResult>}, key order id: the first result. */
    public static final String ORDER_RESULTS = "order-results-store";
    /** GlobalKTable of {@code io.tradingengine.avro.PriceTick}, key market id: the latest tick. */
    public static final String PRICES = "prices-store";
    /** GlobalKTable of {@code io.tradingengine.avro.Market}, key market id. */
    public static final String MARKETS = "markets-store";

    private StoreNames() {
    }

    /**
     * Key of a position: {@code assessmentId/market}, e.g. {@code A1/BTC/USD}. Assessment ids never contain '/'
     * (orders and assessments with one are rejected), so the prefix {@link #positionPrefix} selects exactly one
     * assessment's positions with {@code prefixScan(prefix, new StringSerializer())}.
     */
    public static String positionKey(String assessmentId, String market) {
        return assessmentId + "/" + market;
    }

    /** Prefix of all position keys of an assessment: {@code assessmentId/}. */
    public static String positionPrefix(String assessmentId) {
        return assessmentId + "/";
    }
}
