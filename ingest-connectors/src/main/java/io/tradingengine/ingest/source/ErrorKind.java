package io.tradingengine.ingest.source;

import java.util.Locale;

/** What went wrong with a source, as counted in {@code ingest.source.errors{kind}}. None of them is fatal. */
public enum ErrorKind {
    /** A frame or body that is not the JSON we expect (truncated, wrong types, missing required fields). */
    MALFORMED,
    /** A well-formed message of an event type the connector does not know. */
    UNKNOWN_EVENT,
    /** An HTML page where JSON was expected (a proxy, CDN or maintenance page). */
    HTML_ERROR_PAGE,
    /** HTTP 5xx. */
    SERVER_ERROR,
    /** HTTP 4xx other than 429. */
    CLIENT_ERROR,
    /** HTTP 429 or a vendor rate-limit error code. */
    RATE_LIMITED,
    /** A vendor error reported in the body (a non-zero {@code status.error_code}, a WebSocket error message). */
    API_ERROR,
    /** A request, connect or idle timeout. */
    TIMEOUT,
    /** A refused, reset or dropped connection, or a refused WebSocket handshake. */
    CONNECTION,
    /** A gap in a sequenced stream. */
    SEQUENCE_GAP,
    /** A record the publisher refused or could not hand to Kafka. */
    PUBLISH;

    /** The lower-case tag value. */
    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
