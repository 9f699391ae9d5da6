package io.tradingengine.ingest.coingecko;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;

/** Builds request URLs under a configured API root. */
final class Urls {

    private Urls() {
    }

    /** {@code root} + {@code path} + {@code ?query}, without doubling the slash. */
    static URI under(URI root, String path, String query) {
        String base = root.toString();
        if (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return URI.create(base + path + (query.isEmpty() ? "" : "?" + query));
    }

    /** Values URL-encoded and joined with commas. */
    static String commaList(List<String> values) {
        return values.stream().map(value -> URLEncoder.encode(value, StandardCharsets.UTF_8))
                .collect(Collectors.joining(","));
    }
}
