package io.tradingengine.schemas.serde;

/** A registry call failed: unknown id or subject, incompatible schema, or the registry could not be reached. */
public class SchemaRegistryException extends RuntimeException {

    private final int errorCode;

    public SchemaRegistryException(int errorCode, String message) {
        super(message);
        this.errorCode = errorCode;
    }

    public SchemaRegistryException(int errorCode, String message, Throwable cause) {
        super(message, cause);
        this.errorCode = errorCode;
    }

    /** Confluent error code (40401 subject not found, 40403 schema not found, 409 incompatible, 50001 store error). */
    public int errorCode() {
        return errorCode;
    }
}
