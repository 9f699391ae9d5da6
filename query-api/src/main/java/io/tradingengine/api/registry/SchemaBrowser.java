package io.tradingengine.api.registry;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.tradingengine.api.auth.Role;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The schema browser: a static page ({@code ui/schemas.html} and {@code ui/schemas.js} on the classpath) that calls
 * the {@code /registry} API from the browser. The page itself holds no data, so it is public; the API calls it makes
 * carry the token typed into the page when reads are not open.
 */
public final class SchemaBrowser {

    /** Where the page is served. */
    public static final String PATH = "/ui/schemas";

    private final byte[] page;
    private final byte[] script;

    private SchemaBrowser() {
        this.page = resource("ui/schemas.html");
        this.script = resource("ui/schemas.js");
    }

    /** Declares {@code /ui/schemas} and its script. */
    public static void declare(RoutesConfig routes) {
        SchemaBrowser browser = new SchemaBrowser();
        routes.get(PATH, browser::page, Role.PUBLIC);
        routes.get(PATH + "/schemas.js", browser::script, Role.PUBLIC);
    }

    private void page(Context ctx) {
        // The page loads nothing but its own script and talks only to this origin.
        ctx.header("Content-Security-Policy",
                "default-src 'none'; script-src 'self'; style-src 'unsafe-inline'; connect-src 'self'");
        ctx.contentType("text/html; charset=utf-8").result(page);
    }

    private void script(Context ctx) {
        ctx.contentType("text/javascript; charset=utf-8").result(script);
    }

    private static byte[] resource(String name) {
        try (InputStream in = SchemaBrowser.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing classpath resource " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
