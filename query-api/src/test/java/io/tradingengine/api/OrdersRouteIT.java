package io.tradingengine.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tradingengine.api.orders.JdbcOrderHistory;
import io.tradingengine.api.support.Fixtures;
import io.tradingengine.api.support.TestApi;
import io.tradingengine.avro.Side;
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

/** GET /orders?assessmentId= and the database fallback of GET /orders/{id}, against the machine's PostgreSQL. */
class OrdersRouteIT {

    private static final Instant T0 = Instant.parse("2025-03-01T10:00:00.123456Z");

    private String schema;
    private PGSimpleDataSource dataSource;
    private TestApi api;
    private final String alice = TestApi.token("alice", "trader");
    private final String mallory = TestApi.token("mallory", "trader");

    @BeforeEach
    void start() throws SQLException, IOException {
        schema = "query_api_orders_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection connection = dataSource(null).getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA " + schema);
        }
        dataSource = dataSource(schema);
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             InputStream ddl = getClass().getResourceAsStream("/order-results-table.sql")) {
            statement.execute(new String(ddl.readAllBytes(), StandardCharsets.UTF_8));
        }
        api = TestApi.builder().orders(new JdbcOrderHistory(dataSource, Duration.ofSeconds(5))).start();
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
    void shouldListOrderResultsNewestFirstWithExactDecimals() throws SQLException {
        insert("o1", "A1", "alice", T0, "FILLED");
        insert("o2", "A1", "alice", T0.plusSeconds(5), "REJECTED");
        insert("o3", "A2", "alice", T0.plusSeconds(9), "FILLED");

        HttpResponse<String> response = api.get("/orders?assessmentId=A1", alice);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode orders = api.json(response).get("orders");
        assertThat(orders).hasSize(2);
        assertThat(orders.get(0).get("orderId").asText()).isEqualTo("o2");
        assertThat(orders.get(0).get("status").asText()).isEqualTo("REJECTED");
        assertThat(orders.get(0).get("reason").asText()).isEqualTo("NO_PRICE");
        assertThat(orders.get(1).get("fillPrice").asText()).isEqualTo("65065.5");
        assertThat(orders.get(1).get("quantity").asText()).isEqualTo("0.5");
        assertThat(orders.get(1).get("side").asText()).isEqualTo("long");
        assertThat(orders.get(1).get("processedAt").asText()).isEqualTo("2025-03-01T10:00:00.123456Z");
        assertThat(api.json(response).get("nextCursor").isNull()).isTrue();
    }

    @Test
    void shouldPageThroughEveryOrderOnceWithTheCursor() throws SQLException {
        for (int i = 1; i <= 7; i++) {
            insert(String.format(Locale.ROOT, "o%02d", i), "A1", "alice", T0.plusSeconds(i <= 3 ? 0 : i), "FILLED");
        }
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            String path = "/orders?assessmentId=A1&limit=3" + (cursor == null ? "" : "&cursor=" + cursor);
            JsonNode body = api.json(api.get(path, alice));
            body.get("orders").forEach(o -> seen.add(o.get("orderId").asText()));
            cursor = body.get("nextCursor").isNull() ? null : body.get("nextCursor").asText();
            pages++;
        } while (cursor != null && pages < 10);

        assertThat(pages).isEqualTo(3);
        assertThat(seen).containsExactly("o07", "o06", "o05", "o04", "o03", "o02", "o01");
    }

    @Test
    void shouldAnswer404ForAnotherUsersOrders() throws SQLException {
        insert("o1", "A1", "alice", T0, "FILLED");
        api.queries.put(Fixtures.assessment("A9", "alice", "1", "1", "1"));

        assertThat(api.get("/orders?assessmentId=A1", mallory).statusCode()).isEqualTo(404);
        assertThat(api.get("/orders?assessmentId=A9", mallory).statusCode()).isEqualTo(404);
        assertThat(api.json(api.get("/orders?assessmentId=A9", alice)).get("orders")).isEmpty();
        assertThat(api.get("/orders?assessmentId=A1", TestApi.token("root", "admin")).statusCode()).isEqualTo(200);
    }

    @Test
    void shouldFindAnOrderTheStoresNoLongerHoldInTheDatabase() throws SQLException {
        insert("o-old", "A1", "alice", T0, "FILLED");

        HttpResponse<String> response = api.get("/orders/o-old", alice);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(api.json(response).get("tradeId").asText()).isEqualTo("trade-o-old");
        assertThat(api.get("/orders/o-old", mallory).statusCode()).isEqualTo(404);
        assertThat(api.get("/orders/o-old?assessmentId=A1", alice).statusCode()).isEqualTo(200);
        assertThat(api.get("/orders/o-old?assessmentId=A2", alice).statusCode()).isEqualTo(404);
    }

    @Test
    void shouldPreferTheStoresOverTheDatabase() throws SQLException {
        insert("o-both", "A1", "alice", T0, "FILLED");
        api.queries.put(Fixtures.filled("o-both", "A1", "alice", "BTC/USD", Side.LONG, "0.5", "1", "0"));

        assertThat(api.json(api.get("/orders/o-both", alice)).get("fillPrice").asText()).isEqualTo("1");
    }

    @Test
    void shouldAnswer503WhenTheDatabaseIsUnreachable() {
        PGSimpleDataSource nowhere = new PGSimpleDataSource();
        nowhere.setURL("jdbc:postgresql://127.0.0.1:1/test?connectTimeout=1");
        try (TestApi offline = TestApi.builder().orders(new JdbcOrderHistory(nowhere, Duration.ofSeconds(1)))
                .start()) {
            assertThat(offline.get("/orders?assessmentId=A1", alice).statusCode()).isEqualTo(503);
            assertThat(offline.get("/orders/o-x", alice).statusCode()).isEqualTo(503);
        }
    }

    private void insert(String orderId, String assessmentId, String user, Instant at, String status)
            throws SQLException {
        boolean filled = status.equals("FILLED");
        String sql = "INSERT INTO order_results (order_id, assessment_id, user_id, market, side, quantity, status, "
                + "reason, detail, trade_id, fill_price, fee, processed_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)";
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, orderId);
            statement.setString(2, assessmentId);
            statement.setString(3, user);
            statement.setString(4, "BTC/USD");
            statement.setString(5, "LONG");
            statement.setBigDecimal(6, new BigDecimal("0.500000000000000000"));
            statement.setString(7, status);
            statement.setString(8, filled ? null : "NO_PRICE");
            statement.setString(9, filled ? null : "no price for BTC/USD");
            statement.setString(10, filled ? "trade-" + orderId : null);
            statement.setBigDecimal(11, filled ? new BigDecimal("65065.5") : null);
            statement.setBigDecimal(12, filled ? new BigDecimal("32.53") : null);
            statement.setObject(13, OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
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
