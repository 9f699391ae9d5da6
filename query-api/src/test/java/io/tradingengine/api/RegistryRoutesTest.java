package io.tradingengine.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tradingengine.api.support.TestApi;
import io.tradingengine.avro.Order;
import io.tradingengine.avro.PriceTick;
import java.net.http.HttpResponse;
import java.util.Map;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RegistryRoutesTest {

    private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";

    private final ObjectMapper mapper = new ObjectMapper();
    private TestApi api;
    private String admin;
    private String reader;

    @BeforeEach
    void start() {
        api = TestApi.start();
        admin = TestApi.token("root", "admin");
        reader = TestApi.token("carol");
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void shouldRegisterASchemaAndServeItById() {
        HttpResponse<String> registered = register("orders-value", Order.getClassSchema());

        assertThat(registered.statusCode()).isEqualTo(200);
        assertThat(registered.headers().firstValue("Content-Type").orElseThrow()).startsWith(CONTENT_TYPE);
        int id = api.json(registered).get("id").asInt();
        assertThat(id).isEqualTo(api.schemas.idOf("orders-value", Order.getClassSchema()));

        HttpResponse<String> byId = api.get("/registry/schemas/ids/" + id, reader);
        assertThat(byId.statusCode()).isEqualTo(200);
        assertThat(new Schema.Parser().parse(api.json(byId).get("schema").asText()))
                .isEqualTo(Order.getClassSchema());
    }

    @Test
    void shouldGiveTheSameIdWhenTheSameSchemaIsRegisteredTwice() {
        int first = api.json(register("orders-value", Order.getClassSchema())).get("id").asInt();
        int second = api.json(register("orders-value", Order.getClassSchema())).get("id").asInt();

        assertThat(second).isEqualTo(first);
        assertThat(api.json(api.get("/registry/subjects/orders-value/versions", reader)).toString())
                .isEqualTo("[1]");
    }

    @Test
    void shouldListSubjectsAndVersions() {
        register("orders-value", Order.getClassSchema());
        register("prices-value", PriceTick.getClassSchema());

        assertThat(api.json(api.get("/registry/subjects", reader)).toString())
                .isEqualTo("[\"orders-value\",\"prices-value\"]");
        JsonNode latest = api.json(api.get("/registry/subjects/prices-value/versions/latest", reader));
        assertThat(latest.get("subject").asText()).isEqualTo("prices-value");
        assertThat(latest.get("version").asInt()).isEqualTo(1);
        assertThat(latest.get("id").asInt()).isPositive();
        assertThat(api.json(api.get("/registry/subjects/prices-value/versions/1", reader)))
                .isEqualTo(latest);
        assertThat(api.get("/registry/subjects/prices-value/versions/1/schema", reader).body())
                .isEqualTo(PriceTick.getClassSchema().toString());
        assertThat(api.json(api.get("/registry/schemas/ids/" + latest.get("id").asInt() + "/subjects", reader))
                .toString()).isEqualTo("[\"prices-value\"]");
    }

    @Test
    void shouldLookUpARegisteredSchemaUnderItsSubject() {
        register("orders-value", Order.getClassSchema());

        HttpResponse<String> found = api.post("/registry/subjects/orders-value", reader,
                body(Order.getClassSchema()));
        HttpResponse<String> notThere = api.post("/registry/subjects/orders-value", reader,
                body(PriceTick.getClassSchema()));

        assertThat(found.statusCode()).isEqualTo(200);
        assertThat(api.json(found).get("version").asInt()).isEqualTo(1);
        assertThat(notThere.statusCode()).isEqualTo(404);
        assertThat(api.json(notThere).get("error_code").asInt()).isEqualTo(40403);
    }

    @Test
    void shouldAnswerConfluentErrorCodes() {
        register("orders-value", Order.getClassSchema());

        assertError(api.get("/registry/subjects/nope/versions", reader), 404, 40401);
        assertError(api.get("/registry/subjects/orders-value/versions/7", reader), 404, 40402);
        assertError(api.get("/registry/subjects/orders-value/versions/zero", reader), 422, 42202);
        assertError(api.get("/registry/schemas/ids/999", reader), 404, 40403);
        assertError(api.post("/registry/subjects/x-value/versions", admin, "{\"schema\":\"{not avro\"}"), 422,
                42201);
        assertError(api.post("/registry/subjects/x-value/versions", admin,
                "{\"schema\":\"{}\",\"schemaType\":\"PROTOBUF\"}"), 422, 42201);
    }

    @Test
    void shouldLeaveWritesToAdmins() {
        HttpResponse<String> response = api.post("/registry/subjects/orders-value/versions",
                TestApi.token("alice", "trader"), body(Order.getClassSchema()));

        assertError(response, 403, 403);
        assertThat(api.schemas.subjects()).isEmpty();
    }

    @Test
    void shouldRequireAToken() {
        assertError(api.get("/registry/subjects", null), 401, 401);
    }

    @Test
    void shouldAcceptTheFieldsConfluentClientsSend() {
        ObjectNode request = (ObjectNode) mapper.valueToTree(Map.of("schema",
                Order.getClassSchema().toString(), "schemaType", "AVRO"));
        request.putArray("references");
        request.putObject("metadata");

        HttpResponse<String> response = api.post("/registry/subjects/orders-value/versions", admin,
                request.toString());

        assertThat(response.statusCode()).isEqualTo(200);
    }

    @Test
    void shouldNotServeTheRegistryWithoutAStore() {
        try (TestApi bare = TestApi.withoutRegistry()) {
            assertThat(bare.get("/registry/subjects", reader).statusCode()).isEqualTo(404);
        }
    }

    private HttpResponse<String> register(String subject, Schema schema) {
        return api.post("/registry/subjects/" + subject + "/versions", admin, body(schema));
    }

    private String body(Schema schema) {
        return mapper.createObjectNode().put("schema", schema.toString()).toString();
    }

    private void assertError(HttpResponse<String> response, int status, int errorCode) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith(CONTENT_TYPE);
        JsonNode body = api.json(response);
        assertThat(body.get("error_code").asInt()).isEqualTo(errorCode);
        assertThat(body.get("message").asText()).isNotBlank();
    }
}
