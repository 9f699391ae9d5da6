package io.tradingengine.api.accounts;

/** 202 of POST /assessments: accepted by Kafka, not yet visible in the store. */
public record PendingAssessmentResponse(String assessmentId, String status, String location) {
}
