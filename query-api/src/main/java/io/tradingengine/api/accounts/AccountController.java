package io.tradingengine.api.accounts;

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
import io.tradingengine.avro.Assessment;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * HTTP side of assessments and positions: POST /assessments, GET /assessments/{id}, GET /positions. Reads go to the
 * {@link QueryService}; a caller who is not the owner (nor an admin) gets 404, as if the assessment did not exist.
 */
public final class AccountController {

    private static final Duration POLL_INTERVAL = Duration.ofMillis(20);

    private final QueryService queries;
    private final CommandGateway commands;
    private final ObjectMapper mapper;
    private final Await await;
    private final Duration wait;
    private final long retryAfterSeconds;

    public AccountController(QueryService queries, CommandGateway commands, ObjectMapper mapper, Await await,
                             Duration wait, long retryAfterSeconds) {
        this.queries = queries;
        this.commands = commands;
        this.mapper = mapper;
        this.await = await;
        this.wait = wait;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** POST /assessments (admin): 201 once the store shows it, 202 when it is not visible within the wait time. */
    public void create(Context ctx) {
        Assessment assessment = AssessmentRequests.parse(JsonBody.parse(mapper, ctx.body()), Instant.now());
        String location = "/assessments/" + assessment.getAssessmentId();
        long start = System.nanoTime();
        CompletableFuture<Optional<AccountSnapshot>> visible = commands
                .publishAssessment(assessment, CorrelationIds.of(ctx), wait)
                .exceptionally(error -> {
                    throw ApiException.unavailable("Kafka did not accept the assessment", retryAfterSeconds);
                })
                .thenCompose(acked -> await.until(() -> shown(assessment), remaining(start), POLL_INTERVAL));
        ctx.future(() -> visible.thenAccept(snapshot -> {
            ctx.header("Location", location);
            if (snapshot.isPresent()) {
                ctx.status(201).json(AccountViews.assessment(snapshot.get()));
            } else {
                ctx.status(202).json(new PendingAssessmentResponse(assessment.getAssessmentId(), "PENDING",
                        location));
            }
        }));
    }

    /** GET /assessments/{assessmentId} (owner). */
    public void get(Context ctx) {
        String assessmentId = Ids.id("assessmentId", ctx.pathParam("assessmentId"));
        ctx.json(AccountViews.assessment(owned(ctx, assessmentId)));
    }

    /** GET /positions?assessmentId= (owner). */
    public void positions(Context ctx) {
        String assessmentId = Ids.id("assessmentId", ctx.queryParam("assessmentId"));
        ctx.json(AccountViews.positions(owned(ctx, assessmentId)));
    }

    private AccountSnapshot owned(Context ctx, String assessmentId) {
        Principal caller = AccessGuard.principal(ctx);
        return queries.account(assessmentId)
                .filter(snapshot -> caller.canRead(snapshot.assessment().getUserId()))
                .orElseThrow(() -> ApiException.notFound("assessment " + assessmentId + " not found"));
    }

    /** The snapshot once the store holds this version of the assessment (same owner and rules). */
    private Optional<AccountSnapshot> shown(Assessment assessment) {
        return queries.account(assessment.getAssessmentId())
                .filter(s -> s.assessment().getUserId().equals(assessment.getUserId())
                        && s.assessment().getRules().equals(assessment.getRules()));
    }

    private Duration remaining(long startNanos) {
        Duration left = wait.minusNanos(System.nanoTime() - startNanos);
        return left.isNegative() ? Duration.ZERO : left;
    }
}
