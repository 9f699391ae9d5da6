package io.tradingengine.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tradingengine.api.support.Fixtures;
import io.tradingengine.api.support.TestApi;
import io.tradingengine.api.trades.JdbcTradeHistory;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/** GET /trades against the machine's PostgreSQL, in a fresh schema per test. */
class TradesRouteIT {

    private static final Instant T0 = Instant.parse("2025-03-01T10:00:00.123456Z");

    private String schema;
    private PGSimpleDataSource dataSource;
    private TestApi api;
    private String alice;

    @BeforeEach
    void start() throws SQLException, IOException {
        schema = "query_api_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        PGSimpleDataSource admin = dataSource(null);
        try (Connection connection = admin.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA " + schema);
        }
        dataSource = dataSource(schema);
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             InputStream ddl = getClass().getResourceAsStream("/trades-table.sql")) {
            statement.execute(new String(ddl.readAllBytes(), StandardCharsets.UTF_8));
        }
        api = TestApi.withTrades(new JdbcTradeHistory(dataSource, Duration.ofSeconds(5)));
        alice = TestApi.token("alice", "trader");
    }

    @AfterEach
    void stop() throws SQLException {
        api.close();
        try (Connection connection = dataSource(null).getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA " + schema + " CASCADE");
        }
    }

    @Test
    void shouldListTradesNewestFirstWithExactDecimals() throws SQLException {
        insert("t1", "A1", "alice", T0, "65065.000000000000000000");
        insert("t2", "A1", "alice", T0.plusSeconds(5), "0.1");
        insert("t3", "A2", "alice", T0.plusSeconds(9), "1");

        HttpResponse<String> response = api.get("/trades?assessmentId=A1", alice);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode body = api.json(response);
        assertThat(body.get("trades")).hasSize(2);
        JsonNode newest = body.get("trades").get(0);
        assertThat(newest.get("tradeId").asText()).isEqualTo("t2");
        assertThat(newest.get("price").asText()).isEqualTo("0.1");
        assertThat(newest.get("executedAt").asText()).isEqualTo("2025-03-01T10:00:05.123456Z");
        JsonNode oldest = body.get("trades").get(1);
        assertThat(oldest.get("price").asText()).isEqualTo("65065");
        assertThat(oldest.get("quantity").asText()).isEqualTo("0.5");
        assertThat(oldest.get("fee").asText()).isEqualTo("32.5325");
        assertThat(oldest.get("side").asText()).isEqualTo("long");
        assertThat(oldest.get("kind").asText()).isEqualTo("FILL");
        assertThat(oldest.get("orderId").asText()).isEqualTo("order-t1");
        assertThat(body.get("nextCursor").isNull()).isTrue();
    }

    @Test
    void shouldPageThroughEveryTradeOnceWithTheCursor() throws SQLException {
        // Seven trades, three sharing one timestamp: the trade id breaks the tie.
        for (int i = 1; i <= 7; i++) {
            insert(String.format(Locale.ROOT, "t%02d", i), "A1", "alice", T0.plusSeconds(i <= 3 ? 0 : i), "1");
        }
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            String path = "/trades?assessmentId=A1&limit=3" + (cursor == null ? "" : "&cursor=" + cursor);
            JsonNode body = api.json(api.get(path, alice));
            body.get("trades").forEach(t -> seen.add(t.get("tradeId").asText()));
            cursor = body.get("nextCursor").isNull() ? null : body.get("nextCursor").asText();
            pages++;
        } while (cursor != null && pages < 10);

        assertThat(pages).isEqualTo(3);
        assertThat(seen).containsExactly("t07", "t06", "t05", "t04", "t03", "t02", "t01");
    }

    @Test
    void shouldAnswer404ForAnotherUsersTrades() throws SQLException {
        insert("t1", "A1", "alice", T0, "1");

        HttpResponse<String> response = api.get("/trades?assessmentId=A1", TestApi.token("mallory", "trader"));

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(api.get("/trades?assessmentId=A1", TestApi.token("root", "admin")).statusCode()).isEqualTo(200);
    }

    @Test
    void shouldAnswer404ForAnotherUsersAssessmentWithoutTrades() {
        api.queries.put(Fixtures.assessment("A9", "alice", "1", "1", "1"));

        assertThat(api.get("/trades?assessmentId=A9", TestApi.token("mallory", "trader")).statusCode())
                .isEqualTo(404);
        assertThat(api.json(api.get("/trades?assessmentId=A9", alice)).get("trades")).isEmpty();
    }

    @Test
    void shouldRejectAMalformedCursor() {
        HttpResponse<String> response = api.get("/trades?assessmentId=A1&cursor=bogus", alice);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(api.json(response).get("field").asText()).isEqualTo("cursor");
    }

    @Test
    void shouldBoundTheLimit() throws SQLException {
        insert("t1", "A1", "alice", T0, "1");

        assertThat(api.get("/trades?assessmentId=A1&limit=500", alice).statusCode()).isEqualTo(200);
        for (String bad : new String[] {"0", "501", "-1", "ten"}) {
            HttpResponse<String> response = api.get("/trades?assessmentId=A1&limit=" + bad, alice);
            assertThat(response.statusCode()).as(bad).isEqualTo(400);
            assertThat(api.json(response).get("field").asText()).isEqualTo("limit");
        }
    }

    @Test
    void shouldAnswer503WhenTheDatabaseIsUnreachable() {
        PGSimpleDataSource nowhere = new PGSimpleDataSource();
        nowhere.setURL("jdbc:postgresql://127.0.0.1:1/test?connectTimeout=1");
        try (TestApi offline = TestApi.withTrades(new JdbcTradeHistory(nowhere, Duration.ofSeconds(1)))) {
            HttpResponse<String> response = offline.get("/trades?assessmentId=A1", alice);

            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(offline.json(response).get("message").asText()).doesNotContain("127.0.0.1");
        }
    }

    private void insert(String tradeId, String assessmentId, String user, Instant executedAt, String price)
            throws SQLException {
        String sql = "INSERT INTO trades (trade_id, order_id, assessment_id, user_id, market, asset_class, side, "
                + "quantity, price, fee, realized_pnl, kind, executed_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)";
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, tradeId);
            statement.setString(2, "order-" + tradeId);
            statement.setString(3, assessmentId);
            statement.setString(4, user);
            statement.setString(5, "BTC/USD");
            statement.setString(6, "CRYPTO");
            statement.setString(7, "LONG");
            statement.setBigDecimal(8, new BigDecimal("0.5"));
            statement.setBigDecimal(9, new BigDecimal(price));
            statement.setBigDecimal(10, new BigDecimal("32.5325"));
            statement.setBigDecimal(11, BigDecimal.ZERO);
            statement.setString(12, "FILL");
            statement.setObject(13, OffsetDateTime.ofInstant(executedAt, ZoneOffset.UTC));
            statement.executeUpdate();
        }
    }

    private static PGSimpleDataSource dataSource(String schema) {
        PGSimpleDataSource source = new PGSimpleDataSource();
        source.setServerNames(new String[] {"127.0.0.1"});
        source.setPortNumbers(new int[] {5432});
        source.setDatabaseName("test");
        source.setUser("postgres");
        if (schema != null) {
            source.setCurrentSchema(schema);
        }
        return source;
    }
}
