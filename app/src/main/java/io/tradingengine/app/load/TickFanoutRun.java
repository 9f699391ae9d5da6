package io.tradingengine.app.load;

import io.tradingengine.avro.Assessment;
import io.tradingengine.avro.AssessmentEvent;
import io.tradingengine.avro.AssessmentEventType;
import io.tradingengine.avro.AssetClass;
import io.tradingengine.avro.DrawdownMode;
import io.tradingengine.avro.Market;
import io.tradingengine.avro.MarketStatus;
import io.tradingengine.avro.Order;
import io.tradingengine.avro.OrderResult;
import io.tradingengine.avro.OrderStatus;
import io.tradingengine.avro.PriceTick;
import io.tradingengine.avro.Rules;
import io.tradingengine.avro.Side;
import io.tradingengine.schemas.Decimals;
import io.tradingengine.schemas.Topics;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The tick fan-out measurement: N assessments each hold one position spread over M markets; prices tick at a fixed
 * rate without breaching anyone, and once a second one market gets a tick that breaches the maximum drawdown of
 * every holder. Measured: the time from producing that tick to each holder's BREACH event on
 * {@code assessment-events} (read committed). Everything goes straight through Kafka, as connectors and any Kafka
 * client would.
 */
public final class TickFanoutRun implements AutoCloseable {

    private static final BigDecimal PRICE = new BigDecimal("100");
    private static final BigDecimal SPREAD = new BigDecimal("0.05");
    private static final BigDecimal QUANTITY = new BigDecimal("100");
    private static final BigDecimal BALANCE = new BigDecimal("100000");
    private static final BigDecimal DRAWDOWN_PERCENT = new BigDecimal("5");

    private final String run = UUID.randomUUID().toString().substring(0, 6);
    private final KafkaProducer<String, Object> producer;
    private final Topics topics;
    private final String bootstrapServers;
    private final PrintStream out;

    public TickFanoutRun(String bootstrapServers, Topics topics, PrintStream out) {
        this.bootstrapServers = bootstrapServers;
        this.topics = topics;
        this.out = out;
        Map<String, Object> props = new HashMap<>();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, 1);
        this.producer = new KafkaProducer<>(props, new StringSerializer(), new RecordSerializer(topics));
    }

    /** Sets up the markets, assessments and positions, then runs the ticks and prints the latencies. */
    public void run(int assessments, int markets, int tickRate, Duration duration) throws InterruptedException {
        List<String> marketIds = new ArrayList<>();
        for (int m = 0; m < markets; m++) {
            marketIds.add("BENCH" + run.toUpperCase(Locale.ROOT) + m + "/USD");
        }
        for (String market : marketIds) {
            send(Topics.MARKETS, market, Market.newBuilder().setMarket(market).setAssetClass(AssetClass.CRYPTO)
                    .setStatus(MarketStatus.OPEN).setUpdatedAt(Instant.now()).build());
            send(Topics.PRICES, market, tick(market, PRICE));
        }
        producer.flush();
        Map<String, String> marketOf = new HashMap<>();
        long setupStart = System.nanoTime();
        try (KafkaConsumer<String, Object> results = consumer(Topics.ORDER_RESULTS);
             KafkaConsumer<String, Object> created = consumer(Topics.ASSESSMENT_EVENTS)) {
            for (int a = 0; a < assessments; a++) {
                String id = "fan-" + run + "-" + a;
                marketOf.put(id, marketIds.get(a % markets));
                send(Topics.ASSESSMENTS, id, Assessment.newBuilder().setAssessmentId(id).setUserId("bench")
                        .setStartingBalance(Decimals.wire(BALANCE)).setCreatedAt(Instant.now())
                        .setRules(Rules.newBuilder().setMaxDrawdownPercent(Decimals.wire(DRAWDOWN_PERCENT))
                                .setDrawdownMode(DrawdownMode.STATIC).setDailyLossPercent(null)
                                .setProfitTargetPercent(null).setMaxOrderNotionalPercent(null)
                                .setMaxPositionNotionalPercent(null).setMaxLeverage(null)
                                .setDailyResetTime("00:00").setDailyResetZone("UTC").build()).build());
            }
            producer.flush();
            // Orders only once every assessment exists: within a task, Streams picks the next record across the
            // orders and assessments partitions by timestamp among those already fetched, so an order fetched
            // before its assessment would be rejected ASSESSMENT_NOT_FOUND.
            int opened = awaitCreated(created, marketOf.keySet(), Duration.ofMinutes(10));
            if (opened < marketOf.size()) {
                out.printf(Locale.ROOT, "setup: only %d of %d assessments created%n", opened, marketOf.size());
            }
            for (Map.Entry<String, String> holder : marketOf.entrySet()) {
                send(Topics.ORDERS, holder.getKey(), Order.newBuilder().setOrderId("open-" + holder.getKey())
                        .setAssessmentId(holder.getKey()).setUserId("bench").setMarket(holder.getValue())
                        .setSide(Side.LONG).setQuantity(Decimals.wire(QUANTITY)).setSubmittedAt(Instant.now())
                        .build());
            }
            producer.flush();
            int filled = awaitFills(results, marketOf.keySet(), Duration.ofMinutes(10));
            out.printf(Locale.ROOT, "setup: %d assessments with a position in %d markets (%d filled) in %.1f s%n",
                    assessments, markets, filled, (System.nanoTime() - setupStart) / 1e9);
        }
        measure(marketIds, marketOf, tickRate, duration);
    }

    private void measure(List<String> marketIds, Map<String, String> marketOf, int tickRate, Duration duration)
            throws InterruptedException {
        Map<String, Long> breachSentAt = new ConcurrentHashMap<>();
        Histogram latency = new Histogram(TimeUnit.MINUTES.toMicros(5), 3);
        int[] breaches = {0};
        // Positioned at the end before the first tick; then owned by the reader thread alone.
        KafkaConsumer<String, Object> events = consumer(Topics.ASSESSMENT_EVENTS);
        Thread reader = new Thread(() -> readBreaches(events, marketOf, breachSentAt, latency, breaches),
                "bench-events");
        reader.setDaemon(true);
        reader.start();
        long interval = TimeUnit.SECONDS.toNanos(1) / tickRate;
        long total = (long) tickRate * duration.toSeconds();
        long start = System.nanoTime();
        int nextBreach = 0;
        for (long i = 0; i < total; i++) {
            long due = start + i * interval;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            String market = marketIds.get((int) (i % marketIds.size()));
            if (i % tickRate == 0 && nextBreach < marketIds.size()) {
                // One market a second falls 60 %: 100 units lose ~6,000, beyond 5 % of the 100,000 balance.
                String victim = marketIds.get(nextBreach++);
                breachSentAt.put(victim, System.nanoTime());
                send(Topics.PRICES, victim, tick(victim, PRICE.multiply(new BigDecimal("0.40"))));
            } else if (!breachSentAt.containsKey(market)) {
                BigDecimal noise = BigDecimal.valueOf((i % 7) - 3, 3);   // within +-0.3 %: never a breach
                send(Topics.PRICES, market, tick(market, PRICE.add(noise)));
            }
        }
        producer.flush();
        double seconds = (System.nanoTime() - start) / 1e9;
        long expected = marketOf.values().stream().filter(breachSentAt::containsKey).count();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            synchronized (latency) {
                if (latency.getTotalCount() >= expected) {
                    break;
                }
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
        synchronized (latency) {
            out.printf(Locale.ROOT, "ticks: %d in %.1f s (%.0f/s), %d breaching ticks, %d holders expected to fail, "
                    + "%d BREACH events seen%n", total, seconds, total / seconds, breachSentAt.size(), expected,
                    latency.getTotalCount());
            out.printf(Locale.ROOT, "breaching tick -> BREACH event (ms): p50 %.2f  p90 %.2f  p99 %.2f  max %.2f%n",
                    latency.getValueAtPercentile(50) / 1000.0, latency.getValueAtPercentile(90) / 1000.0,
                    latency.getValueAtPercentile(99) / 1000.0, latency.getMaxValue() / 1000.0);
        }
    }

    private void readBreaches(KafkaConsumer<String, Object> consumer, Map<String, String> marketOf,
                              Map<String, Long> sentAt, Histogram latency, int[] breaches) {
        try (KafkaConsumer<String, Object> events = consumer) {
            while (!Thread.currentThread().isInterrupted()) {
                for (ConsumerRecord<String, Object> record : events.poll(Duration.ofMillis(50))) {
                    AssessmentEvent event = (AssessmentEvent) record.value();
                    String market = marketOf.get(record.key());
                    Long sent = market == null ? null : sentAt.get(market);
                    if (event != null && event.getType() == AssessmentEventType.BREACH && sent != null) {
                        synchronized (latency) {
                            latency.recordValue(Math.max(0, (System.nanoTime() - sent) / 1000));
                        }
                        breaches[0]++;
                    }
                }
            }
        } catch (org.apache.kafka.common.errors.InterruptException e) {
            // closing
        }
    }

    private int awaitCreated(KafkaConsumer<String, Object> events, Set<String> ids, Duration timeout) {
        Set<String> seen = new HashSet<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (seen.size() < ids.size() && System.nanoTime() < deadline) {
            for (ConsumerRecord<String, Object> record : events.poll(Duration.ofMillis(200))) {
                AssessmentEvent event = (AssessmentEvent) record.value();
                if (event != null && event.getType() == AssessmentEventType.CREATED && ids.contains(record.key())) {
                    seen.add(record.key());
                }
            }
        }
        return seen.size();
    }

    private int awaitFills(KafkaConsumer<String, Object> results, Set<String> ids, Duration timeout) {
        int filled = 0;
        int seen = 0;
        Map<String, Integer> rejects = new java.util.TreeMap<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (seen < ids.size() && System.nanoTime() < deadline) {
            for (ConsumerRecord<String, Object> record : results.poll(Duration.ofMillis(200))) {
                OrderResult result = (OrderResult) record.value();
                if (result != null && ids.contains(result.getAssessmentId())
                        && result.getOrderId().startsWith("open-")) {
                    seen++;
                    if (result.getStatus() == OrderStatus.FILLED) {
                        filled++;
                    } else {
                        rejects.merge(result.getReason(), 1, Integer::sum);
                    }
                }
            }
        }
        if (!rejects.isEmpty()) {
            out.println("setup rejects by reason: " + rejects);
        }
        return filled;
    }

    private KafkaConsumer<String, Object> consumer(String topic) {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        KafkaConsumer<String, Object> consumer = new KafkaConsumer<>(props, Serdes.String().deserializer(),
                (t, data) -> data == null ? null : (Object) (topic.equals(Topics.ORDER_RESULTS)
                        ? topics.orderResults.valueSerde().deserializer().deserialize(t, data)
                        : topics.assessmentEvents.valueSerde().deserializer().deserialize(t, data)));
        Consumers.assignAtEnd(consumer, topic);
        return consumer;
    }

    private static PriceTick tick(String market, BigDecimal mid) {
        return PriceTick.newBuilder().setMarket(market).setSource("bench")
                .setBid(Decimals.wire(mid.subtract(SPREAD))).setAsk(Decimals.wire(mid.add(SPREAD)))
                .setLast(Decimals.wire(mid)).setTimestamp(Instant.now()).build();
    }

    private void send(String topic, String key, Object value) {
        producer.send(new ProducerRecord<>(topic, key, value));
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }

    /** Serializes each record type with its topic's serde from the catalogue. */
    private static final class RecordSerializer implements org.apache.kafka.common.serialization.Serializer<Object> {
        private final Topics topics;

        RecordSerializer(Topics topics) {
            this.topics = topics;
        }

        @Override
        public byte[] serialize(String topic, Object data) {
            if (data instanceof PriceTick tick) {
                return topics.prices.valueSerde().serializer().serialize(topic, tick);
            }
            if (data instanceof Market market) {
                return topics.markets.valueSerde().serializer().serialize(topic, market);
            }
            if (data instanceof Assessment assessment) {
                return topics.assessments.valueSerde().serializer().serialize(topic, assessment);
            }
            if (data instanceof Order order) {
                return topics.orders.valueSerde().serializer().serialize(topic, order);
            }
            throw new IllegalArgumentException("no serde for " + data.getClass());
        }
    }
}
