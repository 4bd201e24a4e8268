package dev.agh.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agh.api.Requests.NewSession;
import dev.agh.domain.OriginKind;
import dev.agh.service.Authenticator;
import dev.agh.service.Caller;
import dev.agh.service.LocalTaskService;
import dev.agh.store.jdbi.JdbiTaskStore;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a hostile client, a web page in the operator's browser, or an agent reaching past its role tries against
 * {@code agh serve}. The server here answers requests without a token as the operator, like {@code --auth none}:
 * the browser checks must hold even then.
 */
class HostileRequestsTest {
    static final String OPERATOR_TOKEN = "operator-token";
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dataDir;

    static LocalTaskService service;
    static HttpServer server;
    static HttpClient client;
    static URI base;
    static String agentToken;
    static String agentSessionId;
    static String otherSessionId;

    @BeforeAll
    static void start() {
        String url = "jdbc:h2:file:" + dataDir.resolve("agh").toAbsolutePath() + ";WRITE_DELAY=0;LOCK_TIMEOUT=10000";
        service = new LocalTaskService(JdbiTaskStore.open(url, 4), Clock.systemUTC());
        Caller operator = Caller.human("operator", OriginKind.HTTP);
        Authenticator noneMode = token -> {
            if (token == null || token.equals(OPERATOR_TOKEN)) {
                return Optional.of(operator);
            }
            return service.authenticateSession(token, OriginKind.HTTP);
        };
        server = HttpServer.start(service, noneMode, "127.0.0.1", 0);
        base = URI.create("http://127.0.0.1:" + server.port());
        client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        var session = service.createSession(operator, new NewSession("agent-a", null, null, null, List.of()));
        agentToken = session.token();
        agentSessionId = session.session().sessionId();
        otherSessionId = service.createSession(operator, new NewSession("agent-b", null, null, null, List.of()))
                .session()
                .sessionId();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        if (service != null) {
            service.close();
        }
    }

    static HttpResponse<String> call(String method, String path, String body, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(20));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        request.method(
                method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException | InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + response.body(), e);
        }
    }

    static String createTask(String title) {
        HttpResponse<String> created =
                call("POST", "/api/tasks", "{\"scope\":\"global\",\"title\":\"" + title + "\"}", OPERATOR_TOKEN);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return json(created).path("task").path("id").asText();
    }

    static int taskCount() {
        return json(call("GET", "/api/tasks?limit=500", null, OPERATOR_TOKEN))
                .path("tasks")
                .size();
    }

    static void assertError(HttpResponse<String> response, int status, String code) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        assertThat(json(response).path("code").asText()).isEqualTo(code);
        assertThat(json(response).path("error").asText()).isNotBlank();
    }

    static String nested(int depth) {
        return "[".repeat(depth) + "1" + "]".repeat(depth);
    }

    @Nested
    class DeepAndOddJson {
        @Test
        void aValueNestedNearlyAThousandDeepIsRefusedAndTheTaskStaysReadable() {
            String task = createTask("deep");
            HttpResponse<String> start =
                    call("POST", "/api/tasks/" + task + "/start", "{\"metadata\":" + nested(998) + "}", OPERATOR_TOKEN);
            assertError(start, 422, "VALIDATION_FAILED");
            assertThat(json(start).path("error").asText()).contains("depth");
            assertThat(call("GET", "/api/tasks/" + task, null, OPERATOR_TOKEN).statusCode())
                    .isEqualTo(200);
            assertThat(call("GET", "/api/tasks/" + task + "/timeline", null, OPERATOR_TOKEN)
                            .statusCode())
                    .isEqualTo(200);
            assertThat(call("GET", "/api/tasks/" + task + "/runs", null, OPERATOR_TOKEN)
                            .statusCode())
                    .isEqualTo(200);
        }

        @Test
        void metadataWithinTheDepthLimitIsStoredAndReadBack() {
            HttpResponse<String> created = call(
                    "POST",
                    "/api/tasks",
                    "{\"scope\":\"global\",\"title\":\"ok depth\",\"metadata\":{\"a\":" + nested(40) + "}}",
                    OPERATOR_TOKEN);
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            String id = json(created).path("task").path("id").asText();
            HttpResponse<String> read = call("GET", "/api/tasks/" + id, null, OPERATOR_TOKEN);
            assertThat(read.statusCode()).isEqualTo(200);
            assertThat(read.body()).contains(nested(40));
        }

        @Test
        void aNulInATitleOrAnEnumIsRefusedNotTrimmedAway() {
            int before = taskCount();
            assertError(
                    call("POST", "/api/tasks", "{\"scope\":\"global\",\"title\":\"a\\u0000b\"}", OPERATOR_TOKEN),
                    422,
                    "VALIDATION_FAILED");
            assertError(
                    call(
                            "POST",
                            "/api/tasks",
                            "{\"scope\":\"global\",\"title\":\"t\",\"approval_policy\":\"manual\\u0000\"}",
                            OPERATOR_TOKEN),
                    422,
                    "VALIDATION_FAILED");
            assertError(
                    call(
                            "POST",
                            "/api/tasks",
                            "{\"scope\":\"global\",\"title\":\"t\",\"metadata\":{\"k\\u0000\":1}}",
                            OPERATOR_TOKEN),
                    422,
                    "VALIDATION_FAILED");
            assertThat(taskCount()).isEqualTo(before);
        }

        @Test
        void aControlCharacterInAQueryParameterIsRefused() {
            assertError(call("GET", "/api/tasks?status=%00", null, OPERATOR_TOKEN), 422, "VALIDATION_FAILED");
            assertError(call("GET", "/api/tasks?q=a%01b", null, OPERATOR_TOKEN), 422, "VALIDATION_FAILED");
        }

        @Test
        void anIdempotencyKeyOfAMegabyteIsRefused() {
            String key = "k".repeat(1024 * 1024);
            assertError(
                    call("POST", "/api/agent/tasks/claim-next", "{\"idempotency_key\":\"" + key + "\"}", agentToken),
                    422,
                    "VALIDATION_FAILED");
            String task = createTask("keyed");
            assertError(
                    call(
                            "POST",
                            "/api/tasks/" + task + "/start",
                            "{\"idempotency_key\":\"" + "x".repeat(256) + "\"}",
                            OPERATOR_TOKEN),
                    422,
                    "VALIDATION_FAILED");
        }

        @Test
        void failMetadataOverSixteenKibIsRefusedLikeTaskMetadataAndTheRunStaysOpen() {
            String task = createTask("fail big");
            JsonNode started = json(call("POST", "/api/tasks/" + task + "/start", "{}", OPERATOR_TOKEN));
            String run = started.path("run").path("id").asText();
            String big = "x".repeat(17 * 1024);
            assertError(
                    call(
                            "POST",
                            "/api/task-runs/" + run + "/fail",
                            "{\"error\":\"e\",\"metadata\":{\"b\":\"" + big + "\"}}",
                            OPERATOR_TOKEN),
                    422,
                    "VALUE_TOO_LARGE");
            assertThat(json(call("GET", "/api/task-runs/" + run, null, OPERATOR_TOKEN))
                            .path("run")
                            .path("status")
                            .asText())
                    .isNotIn("failed", "completed");
        }
    }

    @Nested
    class Roles {
        @Test
        void anAgentSessionMayNotPassTheApprovalGateOrChangeTasks() {
            HttpResponse<String> created = call(
                    "POST",
                    "/api/tasks",
                    "{\"scope\":\"global\",\"title\":\"gated\",\"approval_policy\":\"manual\"}",
                    OPERATOR_TOKEN);
            String task = json(created).path("task").path("id").asText();
            assertError(call("POST", "/api/tasks/" + task + "/approve", "{}", agentToken), 403, "OPERATOR_ONLY");
            assertError(call("DELETE", "/api/tasks/" + task, null, agentToken), 403, "OPERATOR_ONLY");
            assertError(
                    call("PATCH", "/api/tasks/" + task, "{\"scope\":\"global\",\"title\":\"mine\"}", agentToken),
                    403,
                    "OPERATOR_ONLY");
            assertError(
                    call("POST", "/api/tasks", "{\"scope\":\"global\",\"title\":\"by agent\"}", agentToken),
                    403,
                    "OPERATOR_ONLY");
            assertError(call("POST", "/api/workspaces", "{\"path\":\"/tmp\"}", agentToken), 403, "OPERATOR_ONLY");
            assertError(call("POST", "/api/sessions", "{\"agent_name\":\"x\"}", agentToken), 403, "OPERATOR_ONLY");
            assertThat(json(call("GET", "/api/tasks/" + task, null, OPERATOR_TOKEN))
                            .path("task")
                            .path("task")
                            .path("title")
                            .asText())
                    .isEqualTo("gated");
        }

        @Test
        void anAgentSessionMayNotCancelOrFinishRunsByTheOperatorRoutes() {
            String task = createTask("someone else's");
            String run = json(call("POST", "/api/tasks/" + task + "/start", "{}", OPERATOR_TOKEN))
                    .path("run")
                    .path("id")
                    .asText();
            assertError(call("POST", "/api/task-runs/" + run + "/cancel", "{}", agentToken), 403, "OPERATOR_ONLY");
            assertError(call("POST", "/api/task-runs/" + run + "/complete", "{}", agentToken), 403, "OPERATOR_ONLY");
        }

        @Test
        void theOperatorActsAsItsSessionWithTheSessionHeaderAndHasOnlyAgentPowersThen() throws IOException {
            String head = "POST /api/agent/tasks/claim-next HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
                    + OPERATOR_TOKEN + "\r\nContent-Type: application/json\r\nX-AGH-Session-ID: ";
            assertThat(RawHttp.send(server.port(), head + agentSessionId, "{}").status())
                    .isIn(200, 204);
            assertThat(RawHttp.send(server.port(), head + "sess-nobody", "{}").status())
                    .isEqualTo(401);
            String task = createTask("operator as agent");
            RawHttp.Answer approve = RawHttp.send(
                    server.port(),
                    "POST /api/tasks/" + task + "/reject HTTP/1.1\r\nHost: 127.0.0.1"
                            + "\r\nAuthorization: Bearer " + OPERATOR_TOKEN
                            + "\r\nContent-Type: application/json\r\nX-AGH-Session-ID: "
                            + agentSessionId,
                    "{}");
            assertThat(approve.status()).isEqualTo(403);
            assertThat(JSON.readTree(approve.body()).path("code").asText()).isEqualTo("OPERATOR_ONLY");
        }

        @Test
        void anAgentSessionReadsUsesTheAgentRoutesAndStopsOnlyItsOwnSession() {
            assertThat(call("GET", "/api/tasks", null, agentToken).statusCode()).isEqualTo(200);
            assertThat(call("GET", "/api/observe/tasks/dashboard", null, agentToken)
                            .statusCode())
                    .isEqualTo(200);
            assertThat(call("POST", "/api/agent/tasks/claim-next", "{}", agentToken)
                            .statusCode())
                    .isIn(200, 204);
            assertError(
                    call("POST", "/api/sessions/" + otherSessionId + "/stop", "{}", agentToken), 403, "OPERATOR_ONLY");
        }
    }

    @Nested
    class Browsers {
        @Test
        void aCrossOriginPlainTextPostCreatesNothing() throws IOException {
            int before = taskCount();
            RawHttp.Answer answer = RawHttp.send(
                    server.port(),
                    "POST /api/tasks HTTP/1.1\r\nHost: 127.0.0.1:" + server.port() + "\r\nContent-Type: text/plain",
                    "{\"scope\":\"global\",\"title\":\"from a page\"}");
            assertThat(answer.status()).isEqualTo(415);
            assertThat(JSON.readTree(answer.body()).path("code").asText()).isEqualTo("UNSUPPORTED_MEDIA_TYPE");
            RawHttp.Answer withOrigin = RawHttp.send(
                    server.port(),
                    "POST /api/tasks HTTP/1.1\r\nHost: 127.0.0.1:" + server.port()
                            + "\r\nOrigin: http://evil.example\r\nContent-Type: application/json",
                    "{\"scope\":\"global\",\"title\":\"from a page\"}");
            assertThat(withOrigin.status()).isEqualTo(403);
            assertThat(JSON.readTree(withOrigin.body()).path("code").asText()).isEqualTo("ORIGIN_REFUSED");
            RawHttp.Answer fetchMetadata = RawHttp.send(
                    server.port(),
                    "POST /api/sessions HTTP/1.1\r\nHost: 127.0.0.1:" + server.port()
                            + "\r\nSec-Fetch-Site: cross-site\r\nContent-Type: application/json",
                    "{\"agent_name\":\"page\"}");
            assertThat(fetchMetadata.status()).isEqualTo(403);
            assertThat(taskCount()).isEqualTo(before);
        }

        @Test
        void aRebindingHostNameReadsNothing() throws IOException {
            RawHttp.Answer answer = RawHttp.send(
                    server.port(), "GET /api/tasks HTTP/1.1\r\nHost: attacker.example:" + server.port(), null);
            assertThat(answer.status()).isEqualTo(403);
            assertThat(answer.body()).doesNotContain("\"tasks\"");
            assertThat(JSON.readTree(answer.body()).path("code").asText()).isEqualTo("ORIGIN_REFUSED");
        }

        @Test
        void theServersOwnOriginAndLoopbackNamesAreServed() throws IOException {
            RawHttp.Answer local =
                    RawHttp.send(server.port(), "GET /api/tasks HTTP/1.1\r\nHost: localhost:" + server.port(), null);
            assertThat(local.status()).isEqualTo(200);
            RawHttp.Answer sameOrigin = RawHttp.send(
                    server.port(),
                    "POST /api/tasks HTTP/1.1\r\nHost: 127.0.0.1:" + server.port() + "\r\nOrigin: http://127.0.0.1:"
                            + server.port() + "\r\nContent-Type: application/json; charset=utf-8",
                    "{\"scope\":\"global\",\"title\":\"same origin\"}");
            assertThat(sameOrigin.status()).as(sameOrigin.body()).isEqualTo(201);
        }

        @Test
        void everyAnswerForbidsSniffingAndCaching() throws IOException {
            HttpResponse<String> ok = call("GET", "/api/tasks", null, OPERATOR_TOKEN);
            assertThat(ok.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
            assertThat(ok.headers().firstValue("Cache-Control")).contains("no-store");
            HttpResponse<String> missing = call("GET", "/api/tasks/nope", null, OPERATOR_TOKEN);
            assertThat(missing.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
            RawHttp.Answer bad = RawHttp.send(server.port(), "GET /api/tasks/%00 HTTP/1.1\r\nHost: 127.0.0.1", null);
            assertThat(bad.header("X-Content-Type-Options")).isEqualTo("nosniff");
        }
    }

    @Nested
    class JettysOwnAnswers {
        @Test
        void aNulInThePathAnswersJson() throws IOException {
            RawHttp.Answer answer = RawHttp.send(server.port(), "GET /api/tasks/%00 HTTP/1.1\r\nHost: 127.0.0.1", null);
            assertThat(answer.status()).isEqualTo(400);
            assertThat(answer.header("Content-Type")).startsWith("application/json");
            assertThat(JSON.readTree(answer.body()).path("code").asText())
                    .isIn("MALFORMED_REQUEST", "VALIDATION_FAILED");
        }

        @Test
        void aChunkedBodyOverTheLimitIsRefusedWithoutCreatingAnything() throws IOException {
            int before = taskCount();
            StringBuilder request = new StringBuilder(
                    "POST /api/tasks HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                            + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n");
            String opening = "{\"scope\":\"global\",\"title\":\"big\",\"description\":\"";
            request.append(Integer.toHexString(opening.length()))
                    .append("\r\n")
                    .append(opening)
                    .append("\r\n");
            String chunk = "d".repeat(64 * 1024);
            for (int i = 0; i < 65; i++) {
                request.append(Integer.toHexString(chunk.length()))
                        .append("\r\n")
                        .append(chunk)
                        .append("\r\n");
            }
            request.append("2\r\n\"}\r\n0\r\n\r\n");
            RawHttp.Answer answer = RawHttp.sendExactly(server.port(), request.toString());
            assertThat(answer.status()).isEqualTo(413);
            assertThat(JSON.readTree(answer.body()).path("code").asText()).isEqualTo("PAYLOAD_TOO_LARGE");
            assertThat(taskCount()).isEqualTo(before);
        }

        @Test
        void aRequestLineTooLongAnswersJson() throws IOException {
            RawHttp.Answer answer = RawHttp.send(
                    server.port(), "GET /api/tasks?q=" + "a".repeat(20_000) + " HTTP/1.1\r\nHost: 127.0.0.1", null);
            assertThat(answer.status()).isEqualTo(414);
            assertThat(JSON.readTree(answer.body()).path("code").asText()).isEqualTo("URI_TOO_LONG");
        }

        @Test
        void headersTooLargeAnswerJson() throws IOException {
            RawHttp.Answer answer = RawHttp.send(
                    server.port(), "GET /api/tasks HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: " + "b".repeat(20_000), null);
            assertThat(answer.status()).isEqualTo(431);
            assertThat(JSON.readTree(answer.body()).path("code").asText()).isEqualTo("HEADERS_TOO_LARGE");
        }

        @Test
        void aMalformedChunkedBodyAnswersJson() throws IOException {
            RawHttp.Answer answer = RawHttp.sendExactly(
                    server.port(),
                    "POST /api/tasks HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                            + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\nzz\r\n{\"scope\":\"global\",\"title\":1}\r\n0\r\n\r\n");
            assertThat(answer.status()).as(answer.body()).isEqualTo(400);
            assertThat(JSON.readTree(answer.body()).path("code").asText()).isEqualTo("MALFORMED_REQUEST");
        }
    }
}
