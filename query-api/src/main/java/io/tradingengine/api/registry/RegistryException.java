package io.tradingengine.api.registry;

import io.tradingengine.api.http.ApiException;
import io.tradingengine.api.http.ErrorMapping;
import java.util.Map;

/** A registry error with its Confluent error code (40401 subject not found, 42201 invalid schema, ...). */
public final class RegistryException extends ApiException implements ErrorMapping.RegistryErrorCode {

    private static final long serialVersionUID = 1L;

    public static final int SUBJECT_NOT_FOUND = 40401;
    public static final int VERSION_NOT_FOUND = 40402;
    public static final int SCHEMA_NOT_FOUND = 40403;
    public static final int INVALID_SCHEMA = 42201;
    public static final int INVALID_VERSION = 42202;
    public static final int INVALID_COMPATIBILITY_LEVEL = 42203;
    public static final int NOT_FOUND = 404;
    public static final int BAD_REQUEST = 400;
    public static final int TOO_LARGE = 413;

    private final int errorCode;

    public RegistryException(int errorCode, String message) {
        super(httpStatus(errorCode), "REGISTRY_" + errorCode, message, null, Map.of());
        this.errorCode = errorCode;
    }

    @Override
    public int errorCode() {
        return errorCode;
    }

    /** Confluent codes are the HTTP status followed by two digits (40401 -> 404); short codes are the status. */
    static int httpStatus(int errorCode) {
        int status = errorCode >= 10_000 ? errorCode / 100 : errorCode;
        return status >= 400 && status < 600 ? status : 500;
    }
}
