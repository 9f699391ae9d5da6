package io.tradingengine.topology;

/**
 * Names of the topology's state stores, the contract with the REST layer's interactive queries
 * ({@code QueryableStoreTypes.keyValueStore()}), and the key formats of the stores.
 *
 * <p>The stores of the assessment desk ({@link #ASSESSMENTS}, {@link #POSITIONS}, {@link #ORDER_RESULTS},
 * {@link #ORDER_EXPIRY}, {@link #DAILY_RESETS}, {@link #HOLDERS}) are partitioned like the {@code orders} topic, by
 * assessment id ({@link #MARKET_ENDS}, keyed by market, lives in every assessment task alike). To find the instance
 * that holds a key, call
 * {@code KafkaStreams.queryMetadataForKey(store, assessmentId, new StringSerializer())} with the <em>assessment
 * id</em>, also for {@link #POSITIONS} and {@link #ORDER_RESULTS}, whose keys differ from it. The market desk's
 * store ({@link #MARKET_STATES}) is partitioned like {@code prices} and {@code markets}, by market id. The holders
 * index, the market ends and the market states are internal and not for queries.
 */
public final class StoreNames {

    /** {@code KeyValueStore<String, io.tradingengine.avro.internal.AssessmentState>}, key assessment id. */
    public static final String ASSESSMENTS = "assessments-store";
    /** {@code KeyValueStore<String, io.tradingengine.avro.Position>}, key {@link #positionKey}. */
    public static final String POSITIONS = "positions-store";
    /** {@code KeyValueStore<String, io.tradingengine.avro.OrderResult>}, key order id: the first result. */
    public static final String ORDER_RESULTS = "order-results-store";
    /**
     * {@code KeyValueStore<String, String>}: when each order id's first result expires from {@link #ORDER_RESULTS}.
     * Key {@code <19-digit epoch millis of the result>/<orderId>}, value the order id (see {@code OrderIdRetention}).
     */
    public static final String ORDER_EXPIRY = "order-expiry-store";
    /**
     * {@code KeyValueStore<String, String>}: the next daily reset of every ACTIVE assessment, key
     * {@code due/<19-digit epoch millis>/<assessmentId>} (value the id) and {@code next/<assessmentId>} (value the
     * millis), see {@code DailyResetSchedule}.
     */
    public static final String DAILY_RESETS = "daily-resets-store";
    /**
     * {@code KeyValueStore<String, String>}, in the assessment desk: which of the task's assessments hold an open
     * position in each market, key {@link #holderKey}, value the assessment id. Written together with
     * {@link #POSITIONS} (same task, same transaction), so it is never behind the positions.
     */
    public static final String HOLDERS = "holdings-store";
    /**
     * {@code KeyValueStore<String, io.tradingengine.avro.Market>}, in the assessment desk: the RESOLVED or
     * CANCELLED record of every prediction market whose end reached the task, so an order the global markets store
     * still sees as OPEN is refused once the task has settled the market.
     */
    public static final String MARKET_ENDS = "market-ends-store";
    /**
     * The assessment desk's in-memory {@code LedgerCache} (accounts, positions, holders in front of their stores):
     * not logged, not persistent, not for queries.
     */
    public static final String LEDGER_CACHE = "ledger-cache";
    /** {@code KeyValueStore<String, io.tradingengine.avro.Market>}, by market: the latest valid market record. */
    public static final String MARKET_STATES = "market-states-store";
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

    /**
     * Key of a holder in {@link #HOLDERS}: {@code <length of market>:<market>/<assessmentId>}, e.g.
     * {@code 7:BTC/USD/A1}. Market ids may contain '/' and ':', so the length makes {@link #holderPrefix} select
     * exactly one market: no other market id has the same length and the same characters.
     */
    public static String holderKey(String market, String assessmentId) {
        return holderPrefix(market) + assessmentId;
    }

    /** Prefix of the holder keys of one market: {@code <length>:<market>/}. */
    public static String holderPrefix(String market) {
        return market.length() + ":" + market + "/";
    }
}
