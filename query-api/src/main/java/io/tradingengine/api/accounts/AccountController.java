package io.tradingengine.api.accounts;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import io.tradingengine.api.auth.AccessGuard;
import io.tradingengine.api.auth.Principal;
import io.tradingengine.api.http.ApiException;
import io.tradingengine.api.http.Await;
import io.tradingengine.api.http.CorrelationIds;
import io.tradingengine.api.http.Ids;
import io.tradingengine.api.http.JsonBody;
import io.tradingengine.api.orders.CommandGateway;
import io.tradingengine.api.query.AccountSnapshot;
import io.tradingengine.api.query.QueryService;
import io.tradingengine.api.query.ReadMode;
import io.tradingengine.api.query.RoutedReads;
import io.tradingengine.avro.Assessment;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * HTTP side of assessments and positions: POST /assessments, GET /assessments/{id}, GET /positions. Reads go to the
 * instance that holds the assessment ({@link RoutedReads}); a caller who is not the owner (nor an admin) gets 404,
 * as if the assessment did not exist, whichever instance answers.
 */
public final class AccountController {

    private static final Duration POLL_INTERVAL = Duration.ofMillis(20);

    private final QueryService queries;
    private final RoutedReads reads;
    private final CommandGateway commands;
    private final ObjectMapper mapper;
    private final Await await;
    private final Duration wait;
    private final long retryAfterSeconds;
    private final Clock clock;

    public AccountController(QueryService queries, RoutedReads reads, CommandGateway commands, ObjectMapper mapper,
                             Await await, Duration wait, long retryAfterSeconds, Clock clock) {
        this.queries = queries;
        this.reads = reads;
        this.commands = commands;
        this.mapper = mapper;
        this.await = await;
        this.wait = wait;
        this.retryAfterSeconds = retryAfterSeconds;
        this.clock = clock;
    }

    /** POST /assessments (admin): 201 once the store shows it, 202 when it is not visible within the wait time. */
    public void create(Context ctx) {
        Assessment assessment = AssessmentRequests.parse(JsonBody.parse(mapper, ctx.body()), clock.instant());
        String location = "/assessments/" + assessment.getAssessmentId();
        long start = System.nanoTime();
        CompletableFuture<Optional<String>> visible = commands
                .publishAssessment(assessment, CorrelationIds.of(ctx), wait)
                .exceptionally(error -> {
                    throw ApiException.unavailable("Kafka did not accept the assessment", retryAfterSeconds);
                })
                .thenCompose(acked -> await.untilAsync(() -> shown(ctx, assessment), remaining(start),
                        POLL_INTERVAL));
        ctx.future(() -> visible.thenAccept(json -> {
            ctx.header("Location", location);
            if (json.isPresent()) {
                ctx.status(201).contentType("application/json").result(json.get());
            } else {
                ctx.status(202).json(new PendingAssessmentResponse(assessment.getAssessmentId(), "PENDING",
                        location));
            }
        }));
    }

    /** GET /assessments/{assessmentId} (owner). */
    public void get(Context ctx) {
        String assessmentId = Ids.id("assessmentId", ctx.pathParam("assessmentId"));
        Principal caller = AccessGuard.principal(ctx);
        reads.respond(ctx, assessmentId, mode -> AccountViews.assessment(owned(caller, assessmentId, mode)));
    }

    /** GET /positions?assessmentId= (owner). */
    public void positions(Context ctx) {
        String assessmentId = Ids.id("assessmentId", ctx.queryParam("assessmentId"));
        Principal caller = AccessGuard.principal(ctx);
        reads.respond(ctx, assessmentId, mode -> AccountViews.positions(owned(caller, assessmentId, mode)));
    }

    private AccountSnapshot owned(Principal caller, String assessmentId, ReadMode mode) {
        return queries.account(assessmentId, mode)
                .filter(snapshot -> caller.canRead(snapshot.assessment().getUserId()))
                .orElseThrow(() -> ApiException.notFound("assessment " + assessmentId + " not found"));
    }

    /**
     * The JSON of the assessment once the instance that holds it shows this version (same owner and rules); empty
     * while it does not.
     */
    private CompletableFuture<Optional<String>> shown(Context ctx, Assessment assessment) {
        String id = assessment.getAssessmentId();
        JsonNode rules = mapper.valueToTree(RulesResponse.of(assessment.getRules()));
        return reads.<Optional<AccountSnapshot>>read(ctx, id, "/assessments/" + id, mode -> queries.account(id, mode))
                .thenApply(served -> {
                    if (served instanceof RoutedReads.Local<Optional<AccountSnapshot>> local) {
                        return local.value()
                                .filter(s -> s.assessment().getUserId().equals(assessment.getUserId())
                                        && s.assessment().getRules().equals(assessment.getRules()))
                                .map(s -> json(AccountViews.assessment(s)));
                    }
                    if (served instanceof RoutedReads.Remote<Optional<AccountSnapshot>> remote
                            && remote.response().status() == 200) {
                        return Optional.of(remote.response().body())
                                .filter(body -> sameVersion(body, assessment.getUserId(), rules));
                    }
                    return Optional.empty();
                });
    }

    private boolean sameVersion(String body, String userId, JsonNode rules) {
        try {
            JsonNode shown = mapper.readTree(body);
            return userId.equals(shown.path("userId").asText(null)) && rules.equals(shown.get("rules"));
        } catch (JacksonException e) {
            return false;
        }
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Duration remaining(long startNanos) {
        Duration left = wait.minusNanos(System.nanoTime() - startNanos);
        return left.isNegative() ? Duration.ZERO : left;
    }
}
