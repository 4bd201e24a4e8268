package dev.agh.testing;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Checks HTTP responses against the project's own OpenAPI 3.1 document ({@code src/main/resources/dev/agh/api/openapi.json},
 * the same file {@code agh serve} answers at {@code GET /api/openapi.json}).
 *
 * <p>Each operation has a method, a path template such as {@code /api/tasks/{id}/dependencies/{depends_on_id}}
 * and its documented responses keyed by status code, each optionally carrying a JSON Schema (draft 2020-12) for the
 * body. Local {@code $ref}s (to {@code components/responses} and {@code components/schemas}) are resolved when the
 * document is loaded. {@link #assertResponse} finds the operation for a concrete request and fails with an
 * {@link AssertionError} listing every problem when the response does not conform.
 *
 * <p>Jackson 3 ({@code tools.jackson}) is used internally because it is the tree model json-schema-validator 3.x
 * consumes; the public API deals only in strings so callers are not tied to it.
 */
public final class ContractValidator {

    /** Classpath location of the API description: part of the program, so nothing outside the repository is read. */
    public static final String DOCUMENT_RESOURCE = "/dev/agh/api/openapi.json";

    private static final Set<String> METHODS =
            Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

    private static final int MAX_BODY_CHARS_IN_MESSAGE = 4000;

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private static volatile ContractValidator instance;

    private final String source;
    private final List<Operation> operations;
    private final SchemaRegistry schemaRegistry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    private final Map<String, Schema> schemaCache = new ConcurrentHashMap<>();

    private ContractValidator(String source, List<Operation> operations) {
        this.source = source;
        this.operations = operations;
    }

    /** Returns the validator for the project's OpenAPI document, loading it once per JVM. */
    public static ContractValidator load() {
        ContractValidator loaded = instance;
        if (loaded == null) {
            synchronized (ContractValidator.class) {
                loaded = instance;
                if (loaded == null) {
                    loaded = fromResource(DOCUMENT_RESOURCE);
                    instance = loaded;
                }
            }
        }
        return loaded;
    }

    static ContractValidator fromResource(String resource) {
        try (InputStream in = ContractValidator.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("OpenAPI document " + resource + " is not on the classpath");
            }
            return fromJson(new String(in.readAllBytes(), StandardCharsets.UTF_8), "classpath:" + resource);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read OpenAPI document " + resource + ": " + e.getMessage(), e);
        }
    }

    /** Builds a validator from an OpenAPI 3.1 document; {@code source} only labels error messages. */
    static ContractValidator fromJson(String documentJson, String source) {
        JsonNode root;
        try {
            root = JSON.readTree(documentJson);
        } catch (JacksonException e) {
            throw new IllegalStateException(
                    "OpenAPI document " + source + " is not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (!root.path("openapi").asString("").startsWith("3.1")) {
            throw new IllegalStateException("OpenAPI document " + source + " does not declare openapi 3.1.x");
        }
        JsonNode paths = root.path("paths");
        if (!paths.isObject() || paths.isEmpty()) {
            throw new IllegalStateException("OpenAPI document " + source + " has no paths");
        }
        List<Operation> operations = new ArrayList<>();
        for (String path : paths.propertyNames()) {
            JsonNode item = paths.get(path);
            for (String method : item.propertyNames()) {
                if (!METHODS.contains(method)) {
                    continue;
                }
                JsonNode node = item.get(method);
                String name = node.path("operationId").asString("");
                JsonNode responses = node.path("responses");
                if (name.isEmpty() || !path.startsWith("/") || !responses.isObject()) {
                    throw new IllegalStateException("OpenAPI document " + source
                            + " has an operation without operationId/responses at " + method + " " + path);
                }
                operations.add(new Operation(
                        name,
                        method.toUpperCase(java.util.Locale.ROOT),
                        path,
                        segments(path),
                        flatten(root, responses, source)));
            }
        }
        return new ContractValidator(source, List.copyOf(operations));
    }

    /**
     * The responses of one operation as {@code {status: {description, content_type?, schema?}}}, every local
     * {@code $ref} replaced by what it points to.
     */
    private static ObjectNode flatten(JsonNode root, JsonNode responses, String source) {
        ObjectNode flat = JSON.createObjectNode();
        for (String status : responses.propertyNames()) {
            JsonNode response = resolve(root, responses.get(status), source, 0);
            ObjectNode entry = flat.putObject(status);
            entry.put("description", response.path("description").asString(""));
            JsonNode content = response.path("content");
            if (content.isObject() && !content.isEmpty()) {
                String contentType = content.propertyNames().iterator().next();
                entry.put("content_type", contentType);
                JsonNode schema = content.get(contentType).get("schema");
                if (schema != null) {
                    entry.set("schema", resolve(root, schema, source, 0));
                }
            }
        }
        return flat;
    }

    /** A copy of {@code node} with every {@code {"$ref": "#/..."}} inlined (the document has no recursive schemas). */
    private static JsonNode resolve(JsonNode root, JsonNode node, String source, int depth) {
        if (depth > 64) {
            throw new IllegalStateException("OpenAPI document " + source + " has $refs nested too deep (a cycle?)");
        }
        if (node.isObject()) {
            JsonNode ref = node.get("$ref");
            if (ref != null && ref.isString()) {
                String pointer = ref.asString();
                if (!pointer.startsWith("#/")) {
                    throw new IllegalStateException("OpenAPI document " + source + " has a non-local $ref " + pointer);
                }
                JsonNode target = root.at(pointer.substring(1));
                if (target.isMissingNode()) {
                    throw new IllegalStateException("OpenAPI document " + source + " has a dangling $ref " + pointer);
                }
                return resolve(root, target, source, depth + 1);
            }
            ObjectNode copy = JSON.createObjectNode();
            for (String name : node.propertyNames()) {
                copy.set(name, resolve(root, node.get(name), source, depth + 1));
            }
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = JSON.createArrayNode();
            for (JsonNode element : node) {
                copy.add(resolve(root, element, source, depth + 1));
            }
            return copy;
        }
        return node;
    }

    /**
     * Asserts that a response conforms to the contract.
     *
     * @param method HTTP method of the request, case-insensitive
     * @param concretePath request path such as {@code /api/tasks/T-1/children}; a query string is ignored
     * @param status HTTP status code of the response
     * @param body response body as received; {@code null} is treated as empty
     * @throws AssertionError if no operation matches, the status is undocumented, or the body does not conform
     */
    public void assertResponse(String method, String concretePath, int status, String body) {
        String actualBody = body == null ? "" : body;
        Operation operation = resolve(method, concretePath, status, actualBody);
        String statusKey = Integer.toString(status);
        JsonNode response = operation.responses().get(statusKey);
        if (response == null || !response.isObject()) {
            throw failure(
                    method,
                    concretePath,
                    status,
                    actualBody,
                    operation,
                    List.of("status " + status + " is not documented; documented statuses: " + statuses(operation)));
        }
        List<String> problems = new ArrayList<>();
        JsonNode schemaNode = response.get("schema");
        if (schemaNode == null) {
            if (!actualBody.isEmpty()) {
                problems.add("the contract documents no body for status " + status + " but the response has "
                        + actualBody.length() + " characters of body");
            }
        } else {
            Schema schema = schemaFor(operation, statusKey, schemaNode);
            String contentType = response.path("content_type").asString("application/json");
            if (contentType.startsWith("text/event-stream")) {
                validateEventStream(schema, actualBody, problems);
            } else {
                validateJson(schema, actualBody, "", problems);
            }
        }
        if (!problems.isEmpty()) {
            throw failure(method, concretePath, status, actualBody, operation, problems);
        }
    }

    /**
     * Returns the status codes documented for the operation matching the request, in ascending order.
     *
     * @throws AssertionError if no operation matches
     */
    public Set<String> documentedStatuses(String method, String concretePath) {
        return Collections.unmodifiableSet(statuses(resolve(method, concretePath, null, null)));
    }

    /**
     * Returns the JSON Schema documented for a response of the matching operation, serialized as JSON, or empty when
     * the status is documented without a body.
     *
     * @throws AssertionError if no operation matches or the status is not documented
     */
    public Optional<String> responseSchemaJson(String method, String concretePath, int status) {
        Operation operation = resolve(method, concretePath, status, null);
        JsonNode response = operation.responses().get(Integer.toString(status));
        if (response == null || !response.isObject()) {
            throw failure(
                    method,
                    concretePath,
                    status,
                    null,
                    operation,
                    List.of("status " + status + " is not documented; documented statuses: " + statuses(operation)));
        }
        JsonNode schema = response.get("schema");
        return schema == null ? Optional.empty() : Optional.of(JSON.writeValueAsString(schema));
    }

    /** Name of the operation ({@code createTask}, ...) the request resolves to. */
    public String operationName(String method, String concretePath) {
        return resolve(method, concretePath, null, null).name();
    }

    private Operation resolve(String method, String concretePath, Integer status, String body) {
        List<String> actual = segments(stripToPath(concretePath));
        Operation best = null;
        boolean ambiguous = false;
        Set<String> methodsForPath = new TreeSet<>();
        for (Operation candidate : operations) {
            if (!candidate.matches(actual)) {
                continue;
            }
            if (!candidate.method().equalsIgnoreCase(method)) {
                methodsForPath.add(candidate.method());
                continue;
            }
            int comparison = best == null ? 1 : compareSpecificity(candidate, best);
            if (comparison > 0) {
                best = candidate;
                ambiguous = false;
            } else if (comparison == 0) {
                ambiguous = true;
            }
        }
        if (best == null) {
            String hint = methodsForPath.isEmpty()
                    ? "no operation in the OpenAPI document matches this path"
                    : "no " + method + " operation for this path; the contract documents it for " + methodsForPath;
            throw failure(method, concretePath, status, body, null, List.of(hint));
        }
        if (ambiguous) {
            throw failure(
                    method,
                    concretePath,
                    status,
                    body,
                    null,
                    List.of("the document has several equally specific operations for this request"));
        }
        return best;
    }

    /** Literal segments beat {@code {param}} segments, deciding at the first position where the templates differ. */
    private static int compareSpecificity(Operation a, Operation b) {
        for (int i = 0; i < a.segments().size(); i++) {
            boolean aLiteral = !isParameter(a.segments().get(i));
            boolean bLiteral = !isParameter(b.segments().get(i));
            if (aLiteral != bLiteral) {
                return aLiteral ? 1 : -1;
            }
        }
        return 0;
    }

    private static String stripToPath(String concretePath) {
        String path = concretePath == null ? "" : concretePath;
        if (path.startsWith("http://") || path.startsWith("https://")) {
            path = URI.create(path).getRawPath();
        }
        int cut = indexOfAny(path, '?', '#');
        return cut >= 0 ? path.substring(0, cut) : path;
    }

    private static int indexOfAny(String text, char first, char second) {
        int a = text.indexOf(first);
        int b = text.indexOf(second);
        if (a < 0) {
            return b;
        }
        return b < 0 ? a : Math.min(a, b);
    }

    private static List<String> segments(String path) {
        if (!path.startsWith("/")) {
            return List.of();
        }
        // Limit -1 keeps trailing empty segments, so "/api/tasks/" does not silently match "/api/tasks".
        return List.of(path.substring(1).split("/", -1));
    }

    private static boolean isParameter(String segment) {
        return segment.length() > 2 && segment.startsWith("{") && segment.endsWith("}");
    }

    private Schema schemaFor(Operation operation, String statusKey, JsonNode schemaNode) {
        return schemaCache.computeIfAbsent(operation.method() + " " + operation.path() + " " + statusKey, key -> {
            Schema schema = schemaRegistry.getSchema(schemaNode);
            // Eager initialization surfaces schema errors here and keeps later validation free of lazy-init races.
            schema.initializeValidators();
            return schema;
        });
    }

    private static void validateJson(Schema schema, String json, String label, List<String> problems) {
        if (json.isBlank()) {
            problems.add(label + "body is empty but the contract documents a JSON body");
            return;
        }
        JsonNode instance;
        try {
            instance = JSON.readTree(json);
        } catch (JacksonException e) {
            problems.add(label + "body is not valid JSON: " + e.getOriginalMessage());
            return;
        }
        for (com.networknt.schema.Error error : schema.validate(instance)) {
            String location = error.getInstanceLocation().toString();
            problems.add(label + (location.isEmpty() ? "(root)" : location) + ": " + error.getMessage() + " [schema "
                    + error.getEvaluationPath() + "]");
        }
    }

    /**
     * Validates each dispatched Server-Sent Event's data against the schema. Following the SSE specification, an
     * event is dispatched only when terminated by a blank line, and events without data lines are ignored.
     */
    private static void validateEventStream(Schema schema, String body, List<String> problems) {
        List<String> payloads = new ArrayList<>();
        StringBuilder data = null;
        for (String line : body.split("\r\n|\r|\n", -1)) {
            if (line.isEmpty()) {
                if (data != null) {
                    payloads.add(data.toString());
                }
                data = null;
            } else if (line.equals("data") || line.startsWith("data:")) {
                String value = line.length() > 5 ? line.substring(5) : "";
                value = value.startsWith(" ") ? value.substring(1) : value;
                data = data == null
                        ? new StringBuilder(value)
                        : data.append('\n').append(value);
            }
        }
        if (payloads.isEmpty()) {
            problems.add("event stream contains no complete event with data (each event must end with a blank line)");
            return;
        }
        for (int i = 0; i < payloads.size(); i++) {
            validateJson(schema, payloads.get(i), "event #" + (i + 1) + " ", problems);
        }
    }

    private static Set<String> statuses(Operation operation) {
        return new TreeSet<>(operation.responses().propertyNames());
    }

    private AssertionError failure(
            String method, String path, Integer status, String body, Operation operation, List<String> problems) {
        StringBuilder message = new StringBuilder("Response does not conform to the OpenAPI document\n")
                .append("  request:   ")
                .append(method)
                .append(' ')
                .append(path)
                .append('\n');
        if (operation != null) {
            message.append("  operation: ")
                    .append(operation.name())
                    .append(" (")
                    .append(operation.method())
                    .append(' ')
                    .append(operation.path())
                    .append(")\n");
        }
        if (status != null) {
            message.append("  status:    ").append(status).append('\n');
        }
        if (body != null) {
            message.append("  body:      ").append(abbreviate(body)).append('\n');
        }
        message.append("  document:  ")
                .append(source)
                .append('\n')
                .append("  problems (")
                .append(problems.size())
                .append("):");
        for (String problem : problems) {
            message.append("\n    - ").append(problem);
        }
        return new AssertionError(message.toString());
    }

    private static String abbreviate(String body) {
        if (body.isEmpty()) {
            return "<empty>";
        }
        if (body.length() <= MAX_BODY_CHARS_IN_MESSAGE) {
            return body;
        }
        return body.substring(0, MAX_BODY_CHARS_IN_MESSAGE) + "... <" + body.length() + " characters in total>";
    }

    private record Operation(String name, String method, String path, List<String> segments, JsonNode responses) {

        boolean matches(List<String> actual) {
            if (actual.size() != segments.size()) {
                return false;
            }
            for (int i = 0; i < segments.size(); i++) {
                String template = segments.get(i);
                String value = actual.get(i);
                if (isParameter(template) ? value.isEmpty() : !template.equals(value)) {
                    return false;
                }
            }
            return true;
        }
    }
}
