package io.tradingengine.ingest.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tradingengine.ingest.IngestSettings;
import io.tradingengine.ingest.MarketDataConnector;
import io.tradingengine.ingest.PricePublisher;
import io.tradingengine.ingest.kalshi.KalshiConnector;
import io.tradingengine.ingest.polymarket.PolymarketConnector;
import io.tradingengine.ingest.support.Await;
import io.tradingengine.ingest.support.FakeHttpServer;
import io.tradingengine.ingest.support.FakeHttpServer.Response;
import io.tradingengine.ingest.support.FakeWebSocketServer;
import io.tradingengine.ingest.support.FakeWebSocketServer.Connection;
import io.tradingengine.ingest.support.TestSettings;
import io.tradingengine.schemas.Topics;
import io.tradingengine.schemas.registry.InMemorySchemaStore;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * Measures one connector end to end on loopback: a fake server pushes frames as fast as it can, the connector
 * parses them, keeps its book, validates and hands Avro ticks to Kafka's {@link MockProducer}. Reports frames per
 * second, then the frame-to-produce latency (server write to {@code producer.send}) at a paced rate with
 * HdrHistogram. Not part of the normal build (the name does not end in Test); run it with
 * {@code ./mvnw -q -pl ingest-connectors test -Dtest=ConnectorThroughputBenchmark
 * -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class ConnectorThroughputBenchmark {

    private static final int WARMUP_FRAMES = 100_000;
    private static final int THROUGHPUT_FRAMES = 200_000;
    private static final int PACED_RATE = 5_000;
    private static final int PACED_FRAMES = 50_000;
    private static final String YES = "71321045679252212594626385532706912750332728571942532289631379312455583992563";
    private static final String TICKER = "KXFED-27APR-T4.25";

    @Test
    void polymarketPriceChanges() throws Exception {
        try (FakeWebSocketServer ws = FakeWebSocketServer.start(); FakeHttpServer gamma = FakeHttpServer.start()) {
            gamma.route("/markets", request -> Response.json("[]"));
            Map<String, String> env = TestSettings.fast();
            env.put(IngestSettings.POLYMARKET_WS_URL, ws.uri("/ws/market").toString());
            env.put(IngestSettings.POLYMARKET_GAMMA_URL, gamma.uri().toString());
            env.put(IngestSettings.POLYMARKET_GAMMA_POLL_INTERVAL, "1h");
            env.put(IngestSettings.POLYMARKET_TOKEN_IDS, YES);
            TimedProducer producer = new TimedProducer(WARMUP_FRAMES + THROUGHPUT_FRAMES + PACED_FRAMES + 10);
            MarketDataConnector connector = new PolymarketConnector(IngestSettings.fromEnvironment(env),
                    publisher(producer), new SimpleMeterRegistry(), Clock.systemUTC());
            connector.start();
            Connection connection = ws.awaitConnection(Duration.ofSeconds(5));
            connection.awaitMessage(Duration.ofSeconds(5));
            run("polymarket price_change", connection, producer, ConnectorThroughputBenchmark::priceChange);
            connector.stop();
        }
    }

    @Test
    void kalshiOrderBookDeltas() throws Exception {
        try (FakeWebSocketServer ws = FakeWebSocketServer.start(); FakeHttpServer rest = FakeHttpServer.start()) {
            rest.route("/trade-api/v2/markets", request -> Response.json("{\"markets\":[{\"ticker\":\"" + TICKER
                    + "\",\"status\":\"active\",\"result\":\"\"}]}"));
            Map<String, String> env = TestSettings.fast();
            env.put(IngestSettings.KALSHI_WS_URL, ws.uri("/trade-api/ws/v2").toString());
            env.put(IngestSettings.KALSHI_REST_URL, rest.uri() + "/trade-api/v2");
            env.put(IngestSettings.KALSHI_TICKERS, TICKER);
            TimedProducer producer = new TimedProducer(WARMUP_FRAMES + THROUGHPUT_FRAMES + PACED_FRAMES + 10);
            MarketDataConnector connector = new KalshiConnector(IngestSettings.fromEnvironment(env),
                    publisher(producer), new SimpleMeterRegistry(), Clock.systemUTC());
            connector.start();
            Connection connection = ws.awaitConnection(Duration.ofSeconds(5));
            for (int i = 0; i < 3; i++) {
                connection.awaitMessage(Duration.ofSeconds(5));
            }
            Await.until("the listing", () -> rest.count("/trade-api/v2/markets") > 0);
            connection.send("{\"type\":\"orderbook_snapshot\",\"sid\":2,\"seq\":1,\"msg\":{\"market_ticker\":\""
                    + TICKER + "\",\"yes_dollars_fp\":[[\"0.2200\",\"10.00\"]],\"no_dollars_fp\":"
                    + "[[\"0.5600\",\"10.00\"]]}}");
            Await.until("the snapshot tick", () -> producer.prices.get() == 1);
            producer.prices.set(0);
            run("kalshi orderbook_delta", connection, producer, ConnectorThroughputBenchmark::delta);
            connector.stop();
        }
    }

    private static void run(String name, Connection connection, TimedProducer producer, IntFunction<String> frame)
            throws IOException {
        // Warm-up, so the JIT has compiled the parse and publish path before anything is timed.
        push(connection, producer, frame, 0, WARMUP_FRAMES);
        // Throughput: every frame written back to back, in 64 KiB batches; each frame yields exactly one tick.
        long start = System.nanoTime();
        push(connection, producer, frame, WARMUP_FRAMES, THROUGHPUT_FRAMES);
        double seconds = (System.nanoTime() - start) / 1e9;


        // Latency: frames paced at a steady rate, each stamped when written, against the time of its send().
        int pacedBase = producer.prices.get();
        long[] written = new long[PACED_FRAMES];
        long interval = TimeUnit.SECONDS.toNanos(1) / PACED_RATE;
        long next = System.nanoTime();
        for (int i = 0; i < PACED_FRAMES; i++) {
            byte[] bytes = FakeWebSocketServer.textFrame(frame.apply(WARMUP_FRAMES + THROUGHPUT_FRAMES + i));
            while (System.nanoTime() < next) {
                LockSupport.parkNanos(20_000);
            }
            written[i] = System.nanoTime();
            connection.write(bytes);
            next += interval;
        }
        Await.until("paced frames published", Duration.ofSeconds(60),
                () -> producer.prices.get() >= pacedBase + PACED_FRAMES);
        Histogram latency = new Histogram(TimeUnit.SECONDS.toNanos(10), 3);
        for (int i = 0; i < PACED_FRAMES; i++) {
            latency.recordValue(Math.max(0, producer.sentAt[pacedBase + i] - written[i]));
        }
        assertThat(producer.prices.get()).isEqualTo(pacedBase + PACED_FRAMES);
        System.out.printf(Locale.ROOT, "%s: %,d frames in %.2f s = %,.0f frames/s; paced %,d/s x %,d: latency "
                + "p50 %.3f ms, p99 %.3f ms, p99.9 %.3f ms, max %.3f ms%n", name, THROUGHPUT_FRAMES, seconds,
                THROUGHPUT_FRAMES / seconds, PACED_RATE, PACED_FRAMES, millis(latency.getValueAtPercentile(50)),
                millis(latency.getValueAtPercentile(99)), millis(latency.getValueAtPercentile(99.9)),
                millis(latency.getMaxValue()));
    }

    private static void push(Connection connection, TimedProducer producer, IntFunction<String> frame, int from,
            int count) throws IOException {
        int base = producer.prices.get();
        ByteArrayOutputStream batch = new ByteArrayOutputStream(1 << 16);
        for (int i = from; i < from + count; i++) {
            batch.writeBytes(FakeWebSocketServer.textFrame(frame.apply(i)));
            if (batch.size() >= 1 << 16) {
                connection.writeBuffered(batch.toByteArray());
                batch.reset();
            }
        }
        connection.writeBuffered(batch.toByteArray());
        connection.flush();
        Await.until("all frames published", Duration.ofSeconds(120), () -> producer.prices.get() >= base + count);
    }

    private static String priceChange(int i) {
        String bid = i % 2 == 0 ? "0.50" : "0.51";
        return "{\"event_type\":\"price_change\",\"market\":\"0x5f65177b394277fd294cd75650044e32ba009a95022d88a0c1d"
                + "565897d72f8f1\",\"price_changes\":[{\"asset_id\":\"" + YES + "\",\"price\":\"" + bid + "\","
                + "\"size\":\"" + (100 + i % 50) + "\",\"side\":\"BUY\",\"hash\":\"56621a121a47ed9333273e21c83b660"
                + "cff37ae50\",\"best_bid\":\"" + bid + "\",\"best_ask\":\"0.52\"}],\"timestamp\":\""
                + (1757908892351L + i) + "\"}";
    }

    /** Alternately adds and removes a better bid, so each delta moves the top of book. */
    private static String delta(int i) {
        String delta = i % 2 == 0 ? "5.00" : "-5.00";
        return "{\"type\":\"orderbook_delta\",\"sid\":2,\"seq\":" + (i + 2) + ",\"msg\":{\"market_ticker\":\""
                + TICKER + "\",\"market_id\":\"9b0f6b43-5b68-4f9f-9f02-9a2d1b8ac1a1\",\"price_dollars\":\"0.3000\","
                + "\"delta_fp\":\"" + delta + "\",\"side\":\"yes\",\"ts_ms\":" + (1669149841000L + i) + "}}";
    }

    private static PricePublisher publisher(TimedProducer producer) {
        return new PricePublisher(producer, new Topics(new InMemorySchemaStore(), true), new SimpleMeterRegistry());
    }

    private static double millis(long nanos) {
        return nanos / 1e6;
    }

    /** Kafka's MockProducer, stamping each send on {@code prices} and forgetting history to stay flat. */
    private static final class TimedProducer extends MockProducer<String, byte[]> {

        final long[] sentAt;
        final AtomicInteger prices = new AtomicInteger();

        TimedProducer(int capacity) {
            super(true, null, new StringSerializer(), new ByteArraySerializer());
            this.sentAt = new long[capacity];
        }

        @Override
        public synchronized Future<RecordMetadata> send(ProducerRecord<String, byte[]> record, Callback callback) {
            Future<RecordMetadata> result = super.send(record, callback);
            if (record.topic().equals(Topics.PRICES)) {
                int index = prices.getAndIncrement();
                if (index < sentAt.length) {
                    sentAt[index] = System.nanoTime();
                }
            }
            clear();
            return result;
        }
    }
}
