package io.tradingengine.api.http;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.validation.ValidationError;
import io.javalin.validation.ValidationException;
import io.tradingengine.api.history.HistoryUnavailableException;
import io.tradingengine.api.query.StoreUnavailableException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Central exception mapping: every failure becomes the JSON error of DESIGN.md ({@code {error, message,
 * correlationId}}), or under {@code /registry} the Confluent registry error ({@code {error_code, message}}). No stack
 * trace or exception text of an unexpected failure ever reaches a response; it goes to the log with the correlation
 * id instead.
 */
public final class ErrorMapping {

    /** Content type of the Confluent Schema Registry API. */
    public static final String REGISTRY_CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";

    private static final Logger LOG = LoggerFactory.getLogger(ErrorMapping.class);

    private ErrorMapping() {
    }

    /**
     * @param retryAfterSeconds the {@code Retry-After} of 503 answers for stores that cannot answer now
     */
    public static void register(RoutesConfig routes, long retryAfterSeconds) {
        routes.exception(ApiException.class, (e, ctx) -> write(ctx, e));
        routes.exception(StoreUnavailableException.class,
                (e, ctx) -> write(ctx, ApiException.unavailable(e.getMessage(), retryAfterSeconds)));
        routes.exception(HistoryUnavailableException.class,
                (e, ctx) -> write(ctx, ApiException.unavailable("history database unavailable", retryAfterSeconds)));
        routes.exception(ValidationException.class, (e, ctx) -> write(ctx, fromValidation(e)));
        routes.exception(HttpResponseException.class, (e, ctx) -> write(ctx, fromJavalin(e)));
        routes.exception(Exception.class, (e, ctx) -> {
            LOG.error("Request {} {} failed (correlation id {})", ctx.method(), ctx.path(), CorrelationIds.of(ctx), e);
            write(ctx, new ApiException(500, "INTERNAL_ERROR", "internal error", null, Map.of()));
        });
    }

    /** Writes {@code e} as the response, in the format of the route's API. */
    public static void write(Context ctx, ApiException e) {
        e.headers().forEach(ctx::header);
        ctx.status(e.status());
        if (isRegistry(ctx)) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("error_code", e instanceof RegistryErrorCode coded ? coded.errorCode() : e.status());
            body.put("message", e.getMessage());
            ctx.contentType(REGISTRY_CONTENT_TYPE).result(ctx.jsonMapper().toJsonString(body, Map.class));
        } else {
            ctx.json(new ErrorResponse(e.error(), e.getMessage(), CorrelationIds.of(ctx), e.field()));
        }
    }

    private static boolean isRegistry(Context ctx) {
        String path = ctx.path();
        return path.equals("/registry") || path.startsWith("/registry/");
    }

    private static ApiException fromValidation(ValidationException e) {
        for (Map.Entry<String, List<ValidationError<Object>>> entry : e.getErrors().entrySet()) {
            String message = entry.getValue().isEmpty() ? "invalid" : entry.getValue().get(0).getMessage();
            return ApiException.badRequest(entry.getKey(), readable(message));
        }
        return ApiException.badRequest(null, "invalid request");
    }

    // Javalin's built-in messages are keys such as TYPE_CONVERSION_FAILED; say what they mean.
    private static String readable(String message) {
        return switch (message) {
            case "TYPE_CONVERSION_FAILED" -> "has the wrong type";
            case "NULLCHECK_FAILED" -> "is required";
            case "DESERIALIZATION_FAILED" -> "malformed";
            default -> message;
        };
    }

    private static ApiException fromJavalin(HttpResponseException e) {
        int status = e.getStatus();
        String error = switch (status) {
            case 400 -> "BAD_REQUEST";
            case 401 -> "UNAUTHORIZED";
            case 403 -> "FORBIDDEN";
            case 404 -> "NOT_FOUND";
            case 405 -> "METHOD_NOT_ALLOWED";
            case 409 -> "CONFLICT";
            case 413 -> "PAYLOAD_TOO_LARGE";
            case 415 -> "UNSUPPORTED_MEDIA_TYPE";
            case 429 -> "TOO_MANY_REQUESTS";
            default -> status >= 500 ? "INTERNAL_ERROR" : "BAD_REQUEST";
        };
        String message = status == 413 ? "request body too large" : status >= 500 ? "internal error" : e.getMessage();
        return new ApiException(status, error, message, null, Map.of());
    }

    /** An {@link ApiException} that carries a Confluent registry error code (40401, 42201, ...). */
    public interface RegistryErrorCode {
        int errorCode();
    }
}
