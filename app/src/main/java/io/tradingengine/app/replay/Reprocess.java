package io.tradingengine.app.replay;

import io.tradingengine.schemas.Topics;
import io.tradingengine.sink.SinkReset;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.tools.StreamsResetter;

/**
 * Makes the live application reprocess its inputs ({@code ./trading-engine reprocess --from-timestamp <time>}):
 * with Kafka's own application reset tool ({@link StreamsResetter}, from {@code kafka-tools}) the input offsets are
 * set to the time for {@code orders} and {@code prices} and to the beginning for {@code assessments} and
 * {@code markets} (the reference data every order needs), and the internal topics (changelogs, repartition) are
 * deleted; then this instance's local state ({@code <state dir>/<application id>}) is wiped. The next start of the
 * engine rebuilds its state from the inputs and emits its outputs again, with the same trade ids: the sink's
 * idempotent inserts keep the database free of duplicates. Refused while any instance of the application runs.
 *
 * <p>Other hosts' state directories must be wiped as well before they start again (run this there too, or delete
 * {@code STATE_DIR}).
 */
public final class Reprocess {

    /** The inputs whose offsets are reset. */
    static final List<String> INPUTS = List.of(Topics.ORDERS, Topics.PRICES, Topics.ASSESSMENTS, Topics.MARKETS);
    /** Inputs that always restart from the beginning: without them the rebuilt state has no assessments. */
    static final List<String> FROM_BEGINNING = List.of(Topics.ASSESSMENTS, Topics.MARKETS);

    private static final long ADMIN_TIMEOUT_SECONDS = 60;

    /**
     * What a reprocess did (or would do in a dry run).
     *
     * @param offsets   the input offsets set
     * @param stateDir  the local state directory wiped
     * @param exitCode  the reset tool's exit code (0 = success)
     */
    public record Result(Map<TopicPartition, Long> offsets, Path stateDir, int exitCode) {
    }

    private Reprocess() {
    }

    /**
     * Resets the application and wipes its local state.
     *
     * @param from   where {@code orders} and {@code prices} restart ({@link Instant#EPOCH} = the beginning)
     * @param dryRun only show what would be done
     * @throws IllegalStateException when an instance of the application is running
     */
    public static Result run(Admin admin, String bootstrapServers, String applicationId, Path stateDirRoot,
                             Instant from, boolean dryRun)
            throws ExecutionException, InterruptedException, TimeoutException {
        SinkReset.requireInactive(admin, applicationId);
        Map<TopicPartition, Long> plan = plan(admin, from);
        Path planFile;
        try {
            planFile = Files.createTempFile("reprocess-" + applicationId, ".csv");
            StringBuilder csv = new StringBuilder();
            new TreeMap<>(Map.copyOf(stringKeys(plan))).forEach((key, offset) -> csv.append(key).append(',')
                    .append(offset).append('\n'));
            Files.writeString(planFile, csv.toString(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the reset plan", e);
        }
        List<String> args = new ArrayList<>(List.of("--bootstrap-server", bootstrapServers, "--application-id",
                applicationId, "--input-topics", String.join(",", existing(admin)), "--from-file",
                planFile.toString()));
        if (dryRun) {
            args.add("--dry-run");
        }
        int exitCode;
        try {
            exitCode = new StreamsResetter().execute(args.toArray(String[]::new));
        } finally {
            try {
                Files.deleteIfExists(planFile);
            } catch (IOException e) {
                // a temp file left behind is harmless
            }
        }
        Path stateDir = stateDirRoot.resolve(applicationId);
        if (exitCode == 0 && !dryRun) {
            Replay.deleteRecursively(stateDir);
        }
        return new Result(plan, stateDir, exitCode);
    }

    /** {@code orders} and {@code prices} at {@code from}, {@code assessments} and {@code markets} at their start. */
    static Map<TopicPartition, Long> plan(Admin admin, Instant from)
            throws ExecutionException, InterruptedException, TimeoutException {
        Map<TopicPartition, Long> plan = new HashMap<>();
        List<String> inputs = existing(admin);
        Map<String, TopicDescription> descriptions = admin.describeTopics(inputs).allTopicNames()
                .get(ADMIN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
        Map<TopicPartition, OffsetSpec> atTime = new HashMap<>();
        descriptions.values().forEach(d -> d.partitions().forEach(p -> {
            TopicPartition partition = new TopicPartition(d.name(), p.partition());
            earliest.put(partition, OffsetSpec.earliest());
            if (!FROM_BEGINNING.contains(d.name()) && from.isAfter(Instant.EPOCH)) {
                atTime.put(partition, OffsetSpec.forTimestamp(from.toEpochMilli()));
            }
        }));
        admin.listOffsets(earliest).all().get(ADMIN_TIMEOUT_SECONDS, TimeUnit.SECONDS)
                .forEach((partition, info) -> plan.put(partition, info.offset()));
        if (!atTime.isEmpty()) {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            atTime.keySet().forEach(partition -> latest.put(partition, OffsetSpec.latest()));
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(latest).all()
                    .get(ADMIN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            admin.listOffsets(atTime).all().get(ADMIN_TIMEOUT_SECONDS, TimeUnit.SECONDS).forEach((partition, info) ->
                    plan.put(partition, info.offset() < 0 ? ends.get(partition).offset() : info.offset()));
        }
        return plan;
    }

    private static List<String> existing(Admin admin) throws ExecutionException, InterruptedException,
            TimeoutException {
        Set<String> names = admin.listTopics().names().get(ADMIN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        return INPUTS.stream().filter(names::contains).toList();
    }

    private static Map<String, Long> stringKeys(Map<TopicPartition, Long> plan) {
        Map<String, Long> keyed = new HashMap<>();
        plan.forEach((partition, offset) -> keyed.put(String.format(Locale.ROOT, "%s,%d", partition.topic(),
                partition.partition()), offset));
        return keyed;
    }
}
