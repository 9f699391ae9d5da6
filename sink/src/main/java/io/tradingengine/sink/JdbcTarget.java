package io.tradingengine.sink;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Where the trades database is, as the JDBC driver wants it: a {@code jdbc:postgresql://} URL without credentials,
 * plus user and password (either may be null: trust or certificate authentication).
 *
 * <p>{@link #parse} reads {@code DATABASE_URL} in the form PostgreSQL and CockroachDB print it
 * ({@code postgresql://user:pass@host:port/db?sslmode=...}); {@code postgres://} and {@code jdbc:postgresql://} are
 * accepted too. {@link #toString()} never shows the password.
 */
public record JdbcTarget(String jdbcUrl, String user, String password) {

    /** The configuration key named in error messages. */
    public static final String VARIABLE = "DATABASE_URL";

    private static final String JDBC_PREFIX = "jdbc:postgresql://";
    private static final List<String> PREFIXES = List.of(JDBC_PREFIX, "postgresql://", "postgres://");
    private static final String EXPECTED = "expected postgresql://user:password@host:port/database[?params]";

    public JdbcTarget {
        if (jdbcUrl == null || !jdbcUrl.startsWith(JDBC_PREFIX)) {
            throw new IllegalArgumentException("jdbcUrl must start with " + JDBC_PREFIX);
        }
    }

    /**
     * Parses a database URL into a JDBC target.
     *
     * @throws IllegalArgumentException naming {@code DATABASE_URL} when the value is missing or malformed; the
     *     password is masked in the message
     */
    public static JdbcTarget parse(String databaseUrl) {
        if (databaseUrl == null || databaseUrl.isBlank()) {
            throw malformed(databaseUrl, "the value is empty");
        }
        String value = databaseUrl.trim();
        String rest = stripPrefix(value);
        if (rest == null) {
            throw malformed(value, "unknown scheme");
        }
        int pathStart = indexOfAny(rest, '/', '?');
        String authority = pathStart < 0 ? rest : rest.substring(0, pathStart);
        String tail = pathStart < 0 ? "" : rest.substring(pathStart);

        String user = null;
        String password = null;
        // The last '@' splits credentials from hosts: a password may contain an unencoded '@'.
        int at = authority.lastIndexOf('@');
        String hosts = authority;
        if (at >= 0) {
            String userInfo = authority.substring(0, at);
            hosts = authority.substring(at + 1);
            int colon = userInfo.indexOf(':');
            user = decode(value, colon < 0 ? userInfo : userInfo.substring(0, colon));
            password = colon < 0 ? null : decode(value, userInfo.substring(colon + 1));
            if (user.isEmpty()) {
                throw malformed(value, "the user name is empty");
            }
        }
        validateHosts(value, hosts);

        String database = "";
        String query = "";
        if (tail.startsWith("/")) {
            int q = tail.indexOf('?');
            database = q < 0 ? tail.substring(1) : tail.substring(1, q);
            query = q < 0 ? "" : tail.substring(q + 1);
        } else if (tail.startsWith("?")) {
            query = tail.substring(1);
        }
        if (database.contains("/")) {
            throw malformed(value, "the database name contains '/'");
        }

        List<String> params = new ArrayList<>();
        for (String param : query.split("&")) {
            if (param.isEmpty()) {
                continue;
            }
            int eq = param.indexOf('=');
            String key = eq < 0 ? param : param.substring(0, eq);
            String paramValue = eq < 0 ? "" : decode(value, param.substring(eq + 1));
            // Credentials given as parameters (the JDBC habit) become fields, so the URL itself stays secret-free.
            if (key.equals("user")) {
                user = paramValue;
            } else if (key.equals("password")) {
                password = paramValue;
            } else if (key.isEmpty()) {
                throw malformed(value, "a query parameter has no name");
            } else {
                params.add(param);
            }
        }
        String suffix = params.isEmpty() ? "" : "?" + String.join("&", params);
        String jdbcUrl = JDBC_PREFIX + hosts + "/" + database + suffix;
        return new JdbcTarget(jdbcUrl, user, password);
    }

    /** This target as a {@code postgresql://user:pass@host:port/db?params} URL, as {@code DATABASE_URL} takes it. */
    public String databaseUrl() {
        StringBuilder url = new StringBuilder("postgresql://");
        if (user != null) {
            url.append(encode(user));
            if (password != null) {
                url.append(':').append(encode(password));
            }
            url.append('@');
        }
        return url.append(jdbcUrl.substring(JDBC_PREFIX.length())).toString();
    }

    /**
     * A connection factory for this target (no pool: the sink and the migrations each hold one connection at a
     * time).
     */
    public DataSource dataSource() {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(jdbcUrl);
        if (user != null) {
            dataSource.setUser(user);
        }
        if (password != null) {
            dataSource.setPassword(password);
        }
        return dataSource;
    }

    /**
     * A connection factory for bulk writers: the driver rewrites a batch of {@code INSERT ... VALUES} statements into
     * multi-row inserts ({@code reWriteBatchedInserts}), one round trip for many rows.
     */
    public DataSource batchingDataSource() {
        PGSimpleDataSource dataSource = (PGSimpleDataSource) dataSource();
        dataSource.setReWriteBatchedInserts(true);
        return dataSource;
    }

    @Override
    public String toString() {
        return "JdbcTarget[jdbcUrl=" + jdbcUrl + ", user=" + user + ", password=" + (password == null ? null : "***")
                + "]";
    }

    private static String stripPrefix(String value) {
        String lower = value.toLowerCase(Locale.ROOT);
        for (String prefix : PREFIXES) {
            if (lower.startsWith(prefix)) {
                return value.substring(prefix.length());
            }
        }
        return null;
    }

    private static void validateHosts(String value, String hosts) {
        if (hosts.isEmpty()) {
            throw malformed(value, "no host");
        }
        // A comma list of host[:port] (multi-host URLs, as the JDBC driver and libpq accept them).
        for (String hostPort : hosts.split(",", -1)) {
            String host = hostPort;
            String port = null;
            if (hostPort.startsWith("[")) {
                int close = hostPort.indexOf(']');
                if (close < 0) {
                    throw malformed(value, "unterminated IPv6 address");
                }
                host = hostPort.substring(0, close + 1);
                String after = hostPort.substring(close + 1);
                if (!after.isEmpty()) {
                    if (!after.startsWith(":")) {
                        throw malformed(value, "unexpected text after IPv6 address");
                    }
                    port = after.substring(1);
                }
            } else {
                int colon = hostPort.indexOf(':');
                if (colon >= 0) {
                    host = hostPort.substring(0, colon);
                    port = hostPort.substring(colon + 1);
                }
            }
            if (host.isEmpty()) {
                throw malformed(value, "a host name is empty");
            }
            if (port != null && !isPort(port)) {
                throw malformed(value, "port '" + port + "' is not a number between 1 and 65535");
            }
        }
    }

    private static boolean isPort(String port) {
        if (port.isEmpty() || port.length() > 5 || !port.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return false;
        }
        int number = Integer.parseInt(port);
        return number >= 1 && number <= 65535;
    }

    private static int indexOfAny(String text, char first, char second) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == first || c == second) {
                return i;
            }
        }
        return -1;
    }

    private static String decode(String value, String part) {
        try {
            return URLDecoder.decode(part.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw malformed(value, "bad percent-encoding");
        }
    }

    private static String encode(String part) {
        return URLEncoder.encode(part, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static IllegalArgumentException malformed(String value, String why) {
        return new IllegalArgumentException(VARIABLE + " is malformed (" + why + "): " + EXPECTED + ", got '"
                + mask(value) + "'");
    }

    /** The value with the password part of the credentials replaced, so secrets never reach a log. */
    static String mask(String value) {
        if (value == null) {
            return "";
        }
        String masked = value.replaceAll("(?i)(password=)[^&]*", "$1***");
        int scheme = masked.indexOf("://");
        if (scheme < 0) {
            return masked;
        }
        int authorityStart = scheme + 3;
        int end = indexOfAny(masked.substring(authorityStart), '/', '?');
        String authority = end < 0 ? masked.substring(authorityStart) : masked.substring(authorityStart,
                authorityStart + end);
        int at = authority.lastIndexOf('@');
        if (at < 0) {
            return masked;
        }
        String userInfo = authority.substring(0, at);
        int colon = userInfo.indexOf(':');
        if (colon < 0) {
            return masked;
        }
        String safeAuthority = userInfo.substring(0, colon) + ":***" + authority.substring(at);
        return masked.substring(0, authorityStart) + safeAuthority
                + masked.substring(authorityStart + authority.length());
    }
}
