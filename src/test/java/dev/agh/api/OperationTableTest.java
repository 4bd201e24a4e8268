package dev.agh.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The one table of operations ({@link Operation}) and the OpenAPI document describe the same API, both ways. */
class OperationTableTest {
    private static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete");

    @Test
    void everyOperationOfTheDocumentIsInTheTableAndEveryEntryOfTheTableIsInTheDocument() throws Exception {
        JsonNode document = new ObjectMapper().readTree(OpenApiDocument.bytes());
        Set<String> documented = new TreeSet<>();
        document.path("paths")
                .fields()
                .forEachRemaining(path -> path.getValue().fields().forEachRemaining(method -> {
                    if (METHODS.contains(method.getKey())) {
                        documented.add(method.getValue().path("operationId").asText() + " "
                                + method.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey());
                    }
                }));
        Set<String> table = Arrays.stream(Operation.values())
                .map(op -> op.id() + " " + op.method() + " " + op.path())
                .collect(Collectors.toCollection(TreeSet::new));

        assertThat(table).isEqualTo(documented);
    }

    @Test
    void theDocumentIsOpenApi31AndOnlyTheDescriptionItselfIsServedWithoutAToken() throws Exception {
        JsonNode document = new ObjectMapper().readTree(OpenApiDocument.bytes());
        assertThat(document.path("openapi").asText()).startsWith("3.1.");
        assertThat(document.path("security").get(0).has("bearer")).isTrue();
        for (Operation op : Operation.values()) {
            JsonNode described =
                    document.path("paths").path(op.path()).path(op.method().toLowerCase(Locale.ROOT));
            boolean public_ =
                    described.has("security") && described.get("security").isEmpty();
            assertThat(public_)
                    .as("%s is public in the document", op)
                    .isEqualTo(op.access() == Operation.Access.PUBLIC);
            assertThat(described.path("responses").has("401"))
                    .as("%s documents 401", op)
                    .isEqualTo(op.access() != Operation.Access.PUBLIC);
        }
    }
}
