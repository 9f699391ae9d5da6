package io.tradingengine.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradingengine.avro.Market;
import io.tradingengine.avro.PriceTick;
import io.tradingengine.schemas.Decimals;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpSchemaRegistryClientTest {

    private FakeConfluentRegistry registry;

    @BeforeEach
    void startRegistry() throws IOException {
        registry = new FakeConfluentRegistry();
    }

    @AfterEach
    void stopRegistry() {
        registry.close();
    }

    @Test
    void shouldRegisterLookUpAndFetchSchemasOverTheConfluentApi() {
        HttpSchemaRegistryClient client = new HttpSchemaRegistryClient(registry.url());

        int prices = client.register("prices-value", PriceTick.getClassSchema());
        int markets = client.register("markets-value", Market.getClassSchema());

        assertThat(markets).isNotEqualTo(prices);
        assertThat(client.register("prices-value", PriceTick.getClassSchema())).isEqualTo(prices);
        assertThat(client.idOf("prices-value", PriceTick.getClassSchema())).isEqualTo(prices);
        assertThat(client.schemaById(prices)).isEqualTo(PriceTick.getClassSchema());
        assertThat(registry.store.idOf("markets-value", Market.getClassSchema())).isEqualTo(markets);
        assertThat(registry.received).extracting(FakeConfluentRegistry.Received::rawPath).containsExactly(
                "/registry/subjects/prices-value/versions", "/registry/subjects/markets-value/versions",
                "/registry/subjects/prices-value/versions", "/registry/subjects/prices-value",
                "/registry/schemas/ids/" + prices);
    }

    @Test
    void shouldSendTheConfluentContentTypesAndNoCredentialsByDefault() {
        new HttpSchemaRegistryClient(registry.url()).register("prices-value", PriceTick.getClassSchema());

        FakeConfluentRegistry.Received request = registry.received.get(0);
        assertThat(request.contentType()).isEqualTo("application/vnd.schemaregistry.v1+json");
        assertThat(request.accept()).startsWith("application/vnd.schemaregistry.v1+json");
        assertThat(request.authorization()).isNull();
    }

    @Test
    void shouldKeepASubjectWithASlashOrSpaceInOnePathSegment() {
        HttpSchemaRegistryClient client = new HttpSchemaRegistryClient(registry.url() + "/");

        int id = client.register("team/prices value", PriceTick.getClassSchema());

        assertThat(registry.received.get(0).rawPath()).isEqualTo("/registry/subjects/team%2Fprices%20value/versions");
        assertThat(registry.store.idOf("team/prices value", PriceTick.getClassSchema())).isEqualTo(id);
    }

    @Test
    void shouldSendBasicAuthFromTheUserInfoOfTheUrl() {
        String expected = "Basic " + Base64.getEncoder()
                .encodeToString("sr-user:p@ss w:rd".getBytes(StandardCharsets.UTF_8));
        registry.requireAuthorization(expected);
        String url = "http://sr-user:p%40ss%20w:rd@127.0.0.1:" + registry.port() + "/registry";

        int id = new HttpSchemaRegistryClient(url).register("prices-value", PriceTick.getClassSchema());

        assertThat(id).isPositive();
        assertThat(registry.received.get(0).authorization()).isEqualTo(expected);
    }

    @Test
    void shouldSendAFreshBearerTokenOnEveryCall() {
        AtomicInteger issued = new AtomicInteger();
        HttpSchemaRegistryClient client = new HttpSchemaRegistryClient(registry.url(),
                () -> "token-" + issued.incrementAndGet(), Duration.ofSeconds(5));

        client.register("prices-value", PriceTick.getClassSchema());
        client.idOf("prices-value", PriceTick.getClassSchema());

        assertThat(registry.received).extracting(FakeConfluentRegistry.Received::authorization)
                .containsExactly("Bearer token-1", "Bearer token-2");
    }

    @Test
    void shouldTurnConfluentErrorBodiesIntoTheirErrorCodes() {
        HttpSchemaRegistryClient client = new HttpSchemaRegistryClient(registry.url());

        assertThatThrownBy(() -> client.schemaById(42))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.errorCode()).isEqualTo(40403))
                .hasMessage("Schema 42 not found");
        assertThatThrownBy(() -> client.idOf("prices-value", PriceTick.getClassSchema()))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.errorCode()).isEqualTo(40401));
        client.register("prices-value", PriceTick.getClassSchema());
        assertThatThrownBy(() -> client.idOf("prices-value", Market.getClassSchema()))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.errorCode()).isEqualTo(40403));
    }

    @Test
    void shouldReportRejectedCredentialsWithTheRegistrysCode() {
        registry.requireAuthorization("Bearer right");
        HttpSchemaRegistryClient client = new HttpSchemaRegistryClient(registry.url(), () -> "wrong",
                Duration.ofSeconds(5));

        assertThatThrownBy(() -> client.register("prices-value", PriceTick.getClassSchema()))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.errorCode()).isEqualTo(40101));
    }

    @Test
    void shouldUseTheHttpStatusWhenTheErrorBodyIsNotConfluents() {
        registry.behave(FakeConfluentRegistry.Behaviour.PLAIN_TEXT_500);
        HttpSchemaRegistryClient client = new HttpSchemaRegistryClient(registry.url());

        assertThatThrownBy(() -> client.schemaById(1))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.errorCode()).isEqualTo(500))
                .hasMessageContaining("upstream exploded");
    }

    @Test
    void shouldGiveUpWhenTheRegistryDoesNotAnswerInTime() {
        registry.behave(FakeConfluentRegistry.Behaviour.HANG);
        HttpSchemaRegistryClient client = new HttpSchemaRegistryClient(registry.url(), null, Duration.ofMillis(300));

        assertThatThrownBy(() -> client.schemaById(1))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.errorCode()).isEqualTo(50002))
                .hasMessageContaining("timed out");
    }

    @Test
    void shouldTryTheNextUrlWhenOneCannotBeReached() throws IOException {
        String dead = "http://127.0.0.1:" + closedPort() + "/registry";
        HttpSchemaRegistryClient client = new HttpSchemaRegistryClient(dead + "," + registry.url());

        assertThat(client.register("prices-value", PriceTick.getClassSchema())).isPositive();
        assertThat(registry.received).hasSize(1);
    }

    @Test
    void shouldReportAnUnreachableRegistry() throws IOException {
        HttpSchemaRegistryClient client = new HttpSchemaRegistryClient("http://127.0.0.1:" + closedPort());

        assertThatThrownBy(() -> client.schemaById(1))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.errorCode()).isEqualTo(50001))
                .hasMessageContaining("cannot be reached");
    }

    @Test
    void shouldRefuseUserInfoTogetherWithABearerToken() {
        String url = "http://user:pass@127.0.0.1:" + registry.port();

        assertThatThrownBy(() -> new HttpSchemaRegistryClient(url, () -> "token", Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new HttpSchemaRegistryClient("not a url"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldCarryASerdeRoundTripThroughTheRegistryWithOneCallPerSchema() {
        CachedSchemaRegistryClient producerSide = new CachedSchemaRegistryClient(
                new HttpSchemaRegistryClient(registry.url()));
        CachedSchemaRegistryClient consumerSide = new CachedSchemaRegistryClient(
                new HttpSchemaRegistryClient(registry.url()));
        AvroSerializer<PriceTick> serializer = new AvroSerializer<>(producerSide, PriceTick.getClassSchema(), true);
        AvroDeserializer<PriceTick> deserializer = new AvroDeserializer<>(consumerSide, PriceTick.getClassSchema());

        for (int i = 0; i < 10; i++) {
            PriceTick tick = PriceTick.newBuilder().setMarket("kalshi:FED-25DEC").setSource("kalshi")
                    .setBid(Decimals.wire(new BigDecimal("0.4" + i))).setTimestamp(Instant.EPOCH).build();
            assertThat(deserializer.deserialize("prices", serializer.serialize("prices", tick))).isEqualTo(tick);
        }

        assertThat(registry.received).extracting(FakeConfluentRegistry.Received::method)
                .containsExactly("POST", "GET");
    }

    /** A port nobody listens on: bound once to get a free number, then released. */
    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
