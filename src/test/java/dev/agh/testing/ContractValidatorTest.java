package dev.agh.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class ContractValidatorTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final ContractValidator contract = ContractValidator.load();

    @Test
    void loadReturnsTheSameCachedInstance() {
        assertThat(ContractValidator.load()).isSameAs(contract);
    }

    @Test
    void minimalCreateTaskBodyBuiltFromTheSchemaPasses() throws Exception {
        ObjectNode body = minimalCreatedTask();

        assertThat(body.path("task").properties()).isNotEmpty();
        assertThatCode(() -> contract.assertResponse("POST", "/api/tasks", 201, MAPPER.writeValueAsString(body)))
                .doesNotThrowAnyException();
    }

    @Test
    void rfc3339DateTimesPass() throws Exception {
        ObjectNode body = minimalCreatedTask();
        ObjectNode task = (ObjectNode) body.get("task");
        task.put("created_at", "2025-11-28T14:11:00Z");
        task.put("updated_at", "2025-11-28T14:11:00.123456789-05:30");
        task.putNull("closed_at");

        assertThatCode(() -> contract.assertResponse("POST", "/api/tasks", 201, MAPPER.writeValueAsString(body)))
                .doesNotThrowAnyException();
    }

    @Test
    void bodyMissingARequiredFieldFails() throws Exception {
        ObjectNode body = minimalCreatedTask();
        ((ObjectNode) body.get("task")).remove("title");
        String json = MAPPER.writeValueAsString(body);

        assertThatThrownBy(() -> contract.assertResponse("POST", "/api/tasks", 201, json))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("POST /api/tasks")
                .hasMessageContaining("createTask")
                .hasMessageContaining("201")
                .hasMessageContaining(json)
                .hasMessageContaining("/task")
                .hasMessageContaining("title");
    }

    @Test
    void everyValidationProblemIsReported() throws Exception {
        ObjectNode body = minimalCreatedTask();
        ObjectNode task = (ObjectNode) body.get("task");
        task.remove("id");
        task.put("status", "not-a-status");
        task.put("latest_event_seq", "seven");

        assertThatThrownBy(() -> contract.assertResponse("POST", "/api/tasks", 201, MAPPER.writeValueAsString(body)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("problems (3)")
                .hasMessageContaining("'id'")
                .hasMessageContaining("/task/status")
                .hasMessageContaining("/task/latest_event_seq");
    }

    @Test
    void undocumentedStatusFails() throws Exception {
        String json = MAPPER.writeValueAsString(minimalCreatedTask());

        assertThatThrownBy(() -> contract.assertResponse("POST", "/api/tasks", 200, json))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("status 200 is not documented")
                .hasMessageContaining("201");
    }

    @Test
    void claimNextResolvesToItsOwnOperation() {
        assertThat(contract.operationName("POST", "/api/agent/tasks/claim-next"))
                .isEqualTo("claimNextAgentTask");
        assertThat(contract.operationName("POST", "/api/agent/tasks/run-1/complete"))
                .isEqualTo("completeAgentTaskRun");
        assertThat(contract.documentedStatuses("POST", "/api/agent/tasks/claim-next"))
                .contains("200", "204");
        assertThatCode(() -> contract.assertResponse("POST", "/api/agent/tasks/claim-next", 204, ""))
                .doesNotThrowAnyException();
    }

    @Test
    void literalSegmentsWinOverParametersWhateverTheDeclarationOrder() {
        ContractValidator synthetic = ContractValidator.fromJson("""
                {"openapi": "3.1.0", "info": {"title": "t", "version": "1"}, "paths": {
                  "/api/things/{id}": {"get": {"operationId": "byId", "responses": {"200": {"description": "OK"}}}},
                  "/api/things/special": {"get": {"operationId": "special", "responses": {"200": {"description": "OK"}}}},
                  "/api/things/{id}/{part}": {"get": {"operationId": "nested", "responses": {"200": {"description": "OK"}}}},
                  "/api/things/{id}/summary": {"get": {"operationId": "nestedLiteral", "responses": {"200": {"description": "OK"}}}}
                }}
                """, "synthetic document");

        assertThat(synthetic.operationName("GET", "/api/things/special")).isEqualTo("special");
        assertThat(synthetic.operationName("GET", "/api/things/other")).isEqualTo("byId");
        assertThat(synthetic.operationName("GET", "/api/things/x/summary")).isEqualTo("nestedLiteral");
        assertThat(synthetic.operationName("GET", "/api/things/x/details")).isEqualTo("nested");
    }

    @Test
    void deleteWith204AndEmptyBodyPasses() {
        assertThatCode(() -> contract.assertResponse("DELETE", "/api/tasks/T-1", 204, ""))
                .doesNotThrowAnyException();
        assertThatCode(() -> contract.assertResponse("DELETE", "/api/tasks/T-1", 204, null))
                .doesNotThrowAnyException();
    }

    @Test
    void bodyOnAResponseDocumentedWithoutOneFails() {
        assertThatThrownBy(() -> contract.assertResponse("DELETE", "/api/tasks/T-1", 204, "{}"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("documents no body");
    }

    @Test
    void emptyOrNonJsonBodyFailsWhenASchemaIsDocumented() {
        assertThatThrownBy(() -> contract.assertResponse("GET", "/api/tasks/T-1", 404, ""))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("body is empty");
        assertThatThrownBy(() -> contract.assertResponse("GET", "/api/tasks/T-1", 404, "Not Found"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> contract.assertResponse("GET", "/api/tasks/T-1", 404, "{\"error\":\"x\"} trailing"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("not valid JSON");
        assertThatCode(() -> contract.assertResponse(
                        "GET", "/api/tasks/T-1", 404, "{\"error\":\"task not found\",\"code\":\"TASK_NOT_FOUND\"}"))
                .doesNotThrowAnyException();
    }

    @Test
    void queryStringIsIgnoredWhenMatching() {
        assertThat(contract.documentedStatuses("GET", "/api/tasks?status=ready&limit=5"))
                .isEqualTo(contract.documentedStatuses("GET", "/api/tasks"))
                .contains("200");
        assertThat(contract.operationName("GET", "/api/tasks?status=ready")).isEqualTo("listTasks");
    }

    @Test
    void unknownPathOrMethodFails() {
        assertThatThrownBy(() -> contract.documentedStatuses("GET", "/api/nope"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("no operation in the OpenAPI document matches");
        assertThatThrownBy(() -> contract.assertResponse("PUT", "/api/tasks/T-1", 200, "{}"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("no PUT operation")
                .hasMessageContaining("DELETE")
                .hasMessageContaining("PATCH");
        assertThatThrownBy(() -> contract.documentedStatuses("GET", "/api/tasks/"))
                .isInstanceOf(AssertionError.class);
    }

    @Test
    void eventStreamEventsAreValidatedOneByOne() throws Exception {
        JsonNode schema = schemaOf("GET", "/api/tasks/T-1/stream", 200);
        String event = MAPPER.writeValueAsString(minimalInstance(schema));

        assertThatCode(() -> contract.assertResponse(
                        "GET",
                        "/api/tasks/T-1/stream",
                        200,
                        ": keep-alive\n\nevent: timeline\nid: 1\ndata: " + event + "\n\ndata: " + event + "\n\n"))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> contract.assertResponse(
                        "GET", "/api/tasks/T-1/stream", 200, "data: " + event + "\n\ndata: [1, 2]\n\n"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("event #2");
        assertThatThrownBy(() -> contract.assertResponse("GET", "/api/tasks/T-1/stream", 200, "data: " + event))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("no complete event");
    }

    @Test
    void missingDocumentFailsWithItsLocation() {
        assertThatThrownBy(() -> ContractValidator.fromResource("/dev/agh/api/no-such-document.json"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("/dev/agh/api/no-such-document.json");
    }

    @Test
    void sharedErrorResponsesAreResolvedThroughTheirReferences() {
        assertThat(contract.documentedStatuses("POST", "/api/tasks"))
                .contains("401", "403", "413", "415", "503", "507");
        assertThatCode(() -> contract.assertResponse(
                        "POST", "/api/tasks", 507, "{\"error\": \"disk full\", \"code\": \"STORE_FULL\"}"))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> contract.assertResponse("POST", "/api/tasks", 507, "{\"error\": \"disk full\"}"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("code");
    }

    private ObjectNode minimalCreatedTask() throws Exception {
        return (ObjectNode) minimalInstance(schemaOf("POST", "/api/tasks", 201));
    }

    private JsonNode schemaOf(String method, String path, int status) throws Exception {
        String schema = contract.responseSchemaJson(method, path, status)
                .orElseThrow(() -> new AssertionError("no schema for " + method + " " + path + " " + status));
        return MAPPER.readTree(schema);
    }

    /** Smallest instance of the schema: only required properties, first enum values, fixed scalars. */
    private static JsonNode minimalInstance(JsonNode schema) {
        if (schema.has("const")) {
            return schema.get("const").deepCopy();
        }
        if (schema.has("enum")) {
            return schema.get("enum").get(0).deepCopy();
        }
        switch (primaryType(schema)) {
            case "object": {
                ObjectNode object = NODES.objectNode();
                for (JsonNode required : schema.path("required")) {
                    String name = required.asText();
                    object.set(name, minimalInstance(schema.path("properties").path(name)));
                }
                return object;
            }
            case "array":
                return NODES.arrayNode();
            case "string":
                // Offset and fractional seconds exercise the less common RFC 3339 forms.
                return NODES.textNode(
                        "date-time".equals(schema.path("format").asText()) ? "2025-01-02T03:04:05.678+01:00" : "x");
            case "integer":
                return NODES.numberNode(1);
            case "number":
                return NODES.numberNode(1.5);
            case "boolean":
                return NODES.booleanNode(false);
            default:
                return NODES.nullNode();
        }
    }

    private static String primaryType(JsonNode schema) {
        JsonNode type = schema.path("type");
        if (type.isTextual()) {
            return type.asText();
        }
        for (JsonNode candidate : type) {
            if (!"null".equals(candidate.asText())) {
                return candidate.asText();
            }
        }
        return "null";
    }
}
