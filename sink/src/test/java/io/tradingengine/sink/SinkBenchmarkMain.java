package io.tradingengine.sink;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tradingengine.avro.Trade;
import io.tradingengine.embedded.EmbeddedKafka;
import io.tradingengine.schemas.Topics;
import io.tradingengine.schemas.registry.InMemorySchemaStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The measurements of docs/sink-and-replay.md, against the machine's PostgreSQL (a fresh schema each, dropped at
 * the end). Run by hand from the repository root:
 *
 * <pre>
 * ./mvnw -q -pl sink test-compile dependency:build-classpath \
 *     -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
 * CP=sink/target/test-classes:sink/target/classes:$(cat sink/target/bench.classpath)
 * java -cp $CP io.tradingengine.sink.SinkBenchmarkMain throughput 200000     # rows; batches of 500, 1000, 2000
 * java -cp $CP io.tradingengine.sink.SinkBenchmarkMain e2e 5000 30           # trades/s, seconds (embedded Kafka)
 * java -cp $CP io.tradingengine.sink.SinkBenchmarkMain history 1000000 20000 # rows, queries
 * </pre>
 */
public final class SinkBenchmarkMain {

    private static final TopicPartition P0 = new TopicPartition("trades", 0);

    private SinkBenchmarkMain() {
    }

    public static void main(String[] args) throws Exception {
        String mode = args.length > 0 ? args[0] : "throughput";
        switch (mode) {
            case "throughput" -> throughput(args.length > 1 ? Integer.parseInt(args[1]) : 200_000);
            case "e2e" -> endToEnd(args.length > 1 ? Integer.parseInt(args[1]) : 5_000,
                    args.length > 2 ? Integer.parseInt(args[2]) : 30);
            case "history" -> history(args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000,
                    args.length > 2 ? Integer.parseInt(args[2]) : 20_000);
            default -> throw new IllegalArgumentException("mode: throughput | e2e | history");
        }
    }

    /** Rows per second of the writer alone (claim + insert + positions, one transaction per batch). */
    private static void throughput(int rows) throws Exception {
        Instant base = Instant.now().truncatedTo(ChronoUnit.DAYS);
        for (int batchSize : new int[] {500, 1000, 2000}) {
            for (SinkWriter.WriteMode mode : SinkWriter.WriteMode.values()) {
                try (TestDatabase database = TestDatabase.migrated();
                        SinkWriter writer = new SinkWriter(dataSource(database), null, new OffsetStore("bench"),
                                mode)) {
                    List<SinkBatch> batches = batches(rows, batchSize, base, "b" + batchSize + mode);
                    // Warm-up: a tenth of the rows, then the measured run on fresh ids.
                    for (SinkBatch batch : batches.subList(0, batches.size() / 10)) {
                        writer.write(batch);
                    }
                    long started = System.nanoTime();
                    long written = 0;
                    for (SinkBatch batch : batches.subList(batches.size() / 10, batches.size())) {
                        written += writer.write(batch).trades().inserted();
                    }
                    double seconds = (System.nanoTime() - started) / 1e9;
                    long dupStarted = System.nanoTime();
                    for (SinkBatch batch : batches.subList(batches.size() / 10, batches.size())) {
                        writer.write(batch);
                    }
                    double dupSeconds = (System.nanoTime() - dupStarted) / 1e9;
                    System.out.printf(Locale.ROOT, "batch %5d %-6s %9.0f rows/s new, %9.0f rows/s already written "
                            + "(%d rows, %.2f s)%n", batchSize, mode, written / seconds, written / dupSeconds,
                            written, seconds);
                }
            }
        }
    }

    /** The sink's data source; {@code -Dbench.synchronousCommit=off} shows what the WAL flush per batch costs. */
    private static javax.sql.DataSource dataSource(TestDatabase database) {
        org.postgresql.ds.PGSimpleDataSource dataSource =
                (org.postgresql.ds.PGSimpleDataSource) database.target().batchingDataSource();
        String synchronousCommit = System.getProperty("bench.synchronousCommit");
        if (synchronousCommit != null) {
            dataSource.setOptions("-c synchronous_commit=" + synchronousCommit);
        }
        return dataSource;
    }

    private static List<SinkBatch> batches(int rows, int batchSize, Instant base, String prefix) {
        List<SinkBatch> batches = new ArrayList<>();
        List<TradeRow> current = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            current.add(new TradeRow(TestTrades.trade(prefix + "-" + i, "assessment-" + (i % 1000),
                    base.plusMillis(i)), P0, i));
            if (current.size() == batchSize) {
                batches.add(new SinkBatch(current, Map.of(P0, new OffsetAndMetadata(i + 1))));
                current = new ArrayList<>();
            }
        }
        return batches;
    }

    /**
     * Trades produced in transactions (as the topology commits them, every 20 ms) at a fixed rate, each stamped
     * executedAt = now just before its transaction commits; the sink's inserted_at (the transaction time of its
     * batch) minus executedAt is the delay from trade commit to row.
     */
    private static void endToEnd(int rate, int seconds) throws Exception {
        Path dir = Files.createTempDirectory("sink-bench");
        Topics topics = new Topics(new InMemorySchemaStore(), true);
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dir, 0); TestDatabase database = TestDatabase.migrated()) {
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                    kafka.bootstrapServers()))) {
                admin.createTopics(List.of(new NewTopic("trades", 6, (short) 1),
                        new NewTopic("order-results", 6, (short) 1))).all().get();
            }
            SinkConfig config = SinkConfig.of(database.target()).withGroupId("bench");
            KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(TradeSink.consumerProperties(config,
                    kafka.bootstrapServers()), new StringDeserializer(), new ByteArrayDeserializer());
            try (TradeSink sink = new TradeSink(config, TradeSink.SinkTopics.LIVE, consumer,
                    topics.trades.valueSerde().deserializer(), topics.orderResults.valueSerde().deserializer(),
                    new SinkWriter(database.target().batchingDataSource(), null, new OffsetStore("bench"),
                            config.writeMode()), new SimpleMeterRegistry());
                    KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                            ProducerConfig.TRANSACTIONAL_ID_CONFIG, "bench", ProducerConfig.LINGER_MS_CONFIG, 5),
                            new StringSerializer(), new ByteArraySerializer())) {
                sink.start();
                producer.initTransactions();
                long total = (long) rate * seconds;
                long perTransaction = Math.max(1, rate / 50);
                long started = System.nanoTime();
                for (long sent = 0; sent < total; ) {
                    producer.beginTransaction();
                    for (long i = 0; i < perTransaction && sent < total; i++, sent++) {
                        Trade trade = TestTrades.trade("e2e-" + sent, "assessment-" + (sent % 1000), Instant.now());
                        producer.send(new ProducerRecord<>("trades", trade.getAssessmentId(),
                                topics.trades.valueSerde().serializer().serialize("trades", trade)));
                    }
                    producer.commitTransaction();
                    long due = started + TimeUnit.SECONDS.toNanos(1) * sent / rate;
                    LockSupport.parkNanos(Math.max(0, due - System.nanoTime()));
                }
                double sendSeconds = (System.nanoTime() - started) / 1e9;
                long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
                while (database.count("SELECT count(*) FROM trades") < total && System.nanoTime() < deadline) {
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200));
                }
                Histogram delay = new Histogram(3);
                try (Connection conn = database.dataSource().getConnection(); Statement statement =
                        conn.createStatement(); ResultSet rs = statement.executeQuery("SELECT (extract(epoch FROM "
                        + "inserted_at - executed_at) * 1000)::bigint FROM trades")) {
                    while (rs.next()) {
                        delay.recordValue(Math.max(0, rs.getLong(1)));
                    }
                }
                System.out.printf(Locale.ROOT, "e2e: %d trades at %d/s (sent in %.1f s); trade commit -> row ms: "
                        + "p50 %d, p99 %d, p99.9 %d, max %d; rows %d%n", total, rate, sendSeconds,
                        delay.getValueAtPercentile(50), delay.getValueAtPercentile(99),
                        delay.getValueAtPercentile(99.9), delay.getMaxValue(), delay.getTotalCount());
            }
        }
    }

    /** The REST layer's trade-history query (first page of 50, and a keyset next page) on a table of n rows. */
    private static void history(int rows, int queries) throws Exception {
        try (TestDatabase database = TestDatabase.migrated()) {
            Instant end = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            Instant start = end.minus(365, ChronoUnit.DAYS);
            try (Connection conn = database.dataSource().getConnection(); Statement statement =
                    conn.createStatement()) {
                statement.execute("SELECT sink_ensure_month_partition('trades', m) FROM generate_series("
                        + "timestamptz '" + start + "', timestamptz '" + end + "', interval '1 month') AS m");
                statement.execute("SELECT sink_ensure_month_partition('trades', timestamptz '" + end + "')");
                long loading = System.nanoTime();
                // 2,000 assessments, a year of trades spread evenly.
                statement.execute("INSERT INTO trades (trade_id, order_id, assessment_id, user_id, market, "
                        + "asset_class, side, quantity, price, fee, realized_pnl, kind, executed_at) SELECT 'T-' || i, "
                        + "'o-' || i, 'assessment-' || (i % 2000), 'u', 'BTC/USD', 'CRYPTO', 'LONG', 0.5, 65000, 32.5, "
                        + "0, 'FILL', timestamptz '" + start + "' + (i * (365 * 86400.0 / " + rows + ")) * "
                        + "interval '1 second' FROM generate_series(1, " + rows + ") AS i");
                statement.execute("INSERT INTO trade_keys (trade_id, executed_at) SELECT trade_id, executed_at "
                        + "FROM trades");
                statement.execute("ANALYZE trades");
                System.out.printf(Locale.ROOT, "history: %d rows loaded in %.1f s%n", rows,
                        (System.nanoTime() - loading) / 1e9);
            }
            String first = "SELECT trade_id, order_id, assessment_id, user_id, market, asset_class, side, quantity, "
                    + "price, fee, realized_pnl, kind, executed_at FROM trades WHERE assessment_id = ? "
                    + "ORDER BY executed_at DESC, trade_id DESC LIMIT ?";
            String next = "SELECT trade_id, order_id, assessment_id, user_id, market, asset_class, side, quantity, "
                    + "price, fee, realized_pnl, kind, executed_at FROM trades WHERE assessment_id = ? "
                    + "AND (executed_at, trade_id) < (?, ?) ORDER BY executed_at DESC, trade_id DESC LIMIT ?";
            SplittableRandom random = new SplittableRandom(7);
            Histogram firstPage = new Histogram(3);
            Histogram nextPage = new Histogram(3);
            try (Connection conn = database.dataSource().getConnection();
                    PreparedStatement firstQuery = conn.prepareStatement(first);
                    PreparedStatement nextQuery = conn.prepareStatement(next)) {
                for (int q = 0; q < queries + 1000; q++) {
                    String assessment = "assessment-" + random.nextInt(2000);
                    long t0 = System.nanoTime();
                    firstQuery.setString(1, assessment);
                    firstQuery.setInt(2, 51);
                    OffsetDateTime lastAt = null;
                    String lastId = null;
                    try (ResultSet rs = firstQuery.executeQuery()) {
                        while (rs.next()) {
                            lastAt = rs.getObject("executed_at", OffsetDateTime.class);
                            lastId = rs.getString("trade_id");
                        }
                    }
                    long t1 = System.nanoTime();
                    nextQuery.setString(1, assessment);
                    nextQuery.setObject(2, lastAt == null ? OffsetDateTime.now(ZoneOffset.UTC) : lastAt);
                    nextQuery.setString(3, lastId == null ? "" : lastId);
                    nextQuery.setInt(4, 51);
                    try (ResultSet rs = nextQuery.executeQuery()) {
                        while (rs.next()) {
                            rs.getString(1);
                        }
                    }
                    long t2 = System.nanoTime();
                    if (q >= 1000) {
                        firstPage.recordValue(TimeUnit.NANOSECONDS.toMicros(t1 - t0));
                        nextPage.recordValue(TimeUnit.NANOSECONDS.toMicros(t2 - t1));
                    }
                }
            }
            print("first page", firstPage);
            print("next page ", nextPage);
        }
    }

    private static void print(String what, Histogram micros) {
        System.out.printf(Locale.ROOT, "history %s (50 rows) ms: p50 %.2f, p99 %.2f, p99.9 %.2f, max %.2f (%d)%n",
                what, micros.getValueAtPercentile(50) / 1000.0, micros.getValueAtPercentile(99) / 1000.0,
                micros.getValueAtPercentile(99.9) / 1000.0, micros.getMaxValue() / 1000.0, micros.getTotalCount());
    }
}
