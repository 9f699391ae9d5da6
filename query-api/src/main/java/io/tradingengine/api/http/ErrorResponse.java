package io.tradingengine.api.http;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The error body of every failed request: a stable code, a human message and the request's correlation id; for bad
 * input also the name of the field.
 */
public record ErrorResponse(String error, String message, String correlationId,
                            @JsonInclude(JsonInclude.Include.NON_NULL) String field) {
}
