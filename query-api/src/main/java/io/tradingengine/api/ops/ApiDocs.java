package io.tradingengine.api.ops;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * GET /openapi.json: the OpenAPI 3 description of the routes, a hand-written resource kept in step with the routes
 * by a test that compares its paths and methods with the routes the server registers.
 */
public final class ApiDocs {

    /** Classpath location of the document. */
    public static final String RESOURCE = "/io/tradingengine/api/openapi.json";

    private final String document;

    public ApiDocs() {
        this.document = load();
    }

    /** The document as served. */
    public static String load() {
        try (InputStream in = ApiDocs.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void openApi(Context ctx) {
        ctx.contentType("application/json").result(document);
    }
}
