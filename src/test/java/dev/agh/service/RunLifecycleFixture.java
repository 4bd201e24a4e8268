package dev.agh.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agh.api.ClaimPayload;
import dev.agh.api.EventPayload;
import dev.agh.api.Json;
import dev.agh.api.LeasePayload;
import dev.agh.api.Requests.Cancel;
import dev.agh.api.Requests.ClaimNext;
import dev.agh.api.Requests.ClaimRun;
import dev.agh.api.Requests.CompleteRun;
import dev.agh.api.Requests.ExecuteTask;
import dev.agh.api.Requests.FailRun;
import dev.agh.api.Requests.Heartbeat;
import dev.agh.api.Requests.ListRuns;
import dev.agh.api.Requests.NewSession;
import dev.agh.api.Requests.Release;
import dev.agh.api.Responses.ClaimResponse;
import dev.agh.api.Responses.SessionResponse;
import dev.agh.api.Responses.TaskRunResponse;
import dev.agh.api.RunPayload;
import dev.agh.api.SessionPayload;
import dev.agh.api.TaskPayload;
import dev.agh.domain.Actor;
import dev.agh.domain.AghException;
import dev.agh.domain.ErrorCode;
import dev.agh.domain.ErrorKind;
import dev.agh.domain.OriginKind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/**
 * What the run-lifecycle cases work with beyond {@link TaskServiceFixture}: agents (sessions with their
 * own credentials and, over HTTP, their own client), the lease sweep of the implementation's backend, and
 * short forms of the run operations. The operator is {@link #CALLER}; agents are created by the operator.
 */
abstract class RunLifecycleFixture extends TaskServiceFixture {
    /** Raw claim tokens start with this; no response may ever contain it. */
    static final String RAW_TOKEN_PREFIX = "agh_claim_";

    static final String RUN_ID = "run-[0-9a-f]{16}";
    static final String TOKEN_HASH = "sha256:[0-9a-f]{64}";

    /** The local service behind {@link #service()}: it sweeps lapsed leases (the server does that on a timer). */
    protected abstract LocalTaskService backend();

    /**
     * The service an agent uses: locally the same service (the {@link Caller} carries the session), over HTTP a
     * client that sends the agent's session token.
     */
    protected abstract TaskService agentService(String sessionToken);

    /** Every raw response body received so far, when the implementation sees them (HTTP); empty otherwise. */
    protected List<String> rawResponses() {
        return List.of();
    }

    // ---- agents ---------------------------------------------------------------------------------

    /** An agent session as the test drives it: its identity, its token, and the service it calls. */
    final class Agent {
        final SessionPayload session;
        final String token;
        final Caller caller;
        final TaskService service;

        Agent(SessionPayload session, String token) {
            this.session = session;
            this.token = token;
            this.caller = new Caller(Actor.agentSession(session.sessionId()), OriginKind.HTTP, session.sessionId());
            this.service = agentService(token);
        }

        String id() {
            return session.sessionId();
        }

        Actor actor() {
            return Actor.agentSession(session.sessionId());
        }

        Optional<ClaimPayload> claim(ClaimNext request) {
            return service.claimNext(caller, request).map(ClaimResponse::claim);
        }

        Optional<ClaimPayload> claim() {
            return claim(claimNext().build());
        }

        /** Claims and insists that something was claimed. */
        ClaimPayload claimOne(ClaimNext request) {
            Optional<ClaimPayload> claim = claim(request);
            assertThat(claim).as("claim-next of %s", session.agentName()).isPresent();
            return claim.get();
        }

        ClaimPayload claimOne() {
            return claimOne(claimNext().build());
        }

        void claimsNothing() {
            assertThat(claim()).as("claim-next of %s", session.agentName()).isEmpty();
        }

        LeasePayload heartbeat(String runId, Long seconds) {
            return service.heartbeat(caller, runId, new Heartbeat(seconds)).lease();
        }

        LeasePayload complete(String runId, JsonNode result) {
            return service.completeLease(caller, runId, new CompleteRun(result)).lease();
        }

        LeasePayload complete(String runId) {
            return complete(runId, null);
        }

        LeasePayload fail(String runId, String error) {
            return service.failLease(caller, runId, new FailRun(error, null)).lease();
        }

        LeasePayload release(String runId, String reason) {
            return service.releaseLease(caller, runId, new Release(reason)).lease();
        }
    }

    Agent agent(String agentName) {
        return agent(session(agentName));
    }

    Agent agent(SessionSpec spec) {
        SessionResponse created = service().createSession(CALLER, spec.build());
        assertThat(created.token()).as("a new session's token").isNotBlank();
        return new Agent(created.session(), created.token());
    }

    static SessionSpec session(String agentName) {
        return new SessionSpec(agentName);
    }

    /** Builds a {@link NewSession}. */
    static final class SessionSpec {
        private final String agentName;
        private String workspace;
        private String name;
        private String channel;
        private List<String> capabilities;

        SessionSpec(String agentName) {
            this.agentName = agentName;
        }

        SessionSpec in(String workspaceRef) {
            workspace = workspaceRef;
            return this;
        }

        SessionSpec name(String value) {
            name = value;
            return this;
        }

        SessionSpec channel(String value) {
            channel = value;
            return this;
        }

        SessionSpec capabilities(String... values) {
            capabilities = List.of(values);
            return this;
        }

        NewSession build() {
            return new NewSession(agentName, workspace, name, channel, capabilities);
        }
    }

    static ClaimSpec claimNext() {
        return new ClaimSpec();
    }

    /** Builds a {@link ClaimNext}; nothing set means "anything I may claim, default lease, no waiting". */
    static final class ClaimSpec {
        private String workspaceId;
        private List<String> requiredCapabilities;
        private Integer priorityMin;
        private Long leaseSeconds;
        private Boolean wait;
        private String idempotencyKey;
        private Integer waitTimeoutSeconds;

        ClaimSpec workspace(String value) {
            workspaceId = value;
            return this;
        }

        ClaimSpec capabilities(String... values) {
            requiredCapabilities = List.of(values);
            return this;
        }

        ClaimSpec priorityMin(Integer value) {
            priorityMin = value;
            return this;
        }

        ClaimSpec lease(long seconds) {
            leaseSeconds = seconds;
            return this;
        }

        ClaimSpec waitUpTo(int seconds) {
            wait = true;
            waitTimeoutSeconds = seconds;
            return this;
        }

        ClaimSpec key(String value) {
            idempotencyKey = value;
            return this;
        }

        ClaimNext build() {
            return new ClaimNext(
                    workspaceId,
                    requiredCapabilities,
                    priorityMin,
                    leaseSeconds,
                    wait,
                    idempotencyKey,
                    waitTimeoutSeconds);
        }
    }

    // ---- operator operations --------------------------------------------------------------------

    static ExecuteTask noKey() {
        return new ExecuteTask(null, null, null);
    }

    static ExecuteTask key(String idempotencyKey) {
        return new ExecuteTask(idempotencyKey, null, null);
    }

    static ExecuteTask withMetadata(JsonNode metadata) {
        return new ExecuteTask(null, null, metadata);
    }

    RunPayload enqueue(String taskId) {
        return enqueue(taskId, noKey());
    }

    RunPayload enqueue(String taskId, ExecuteTask request) {
        return service().enqueueRun(CALLER, taskId, request).run();
    }

    TaskRunResponse start(String taskId) {
        return service().startTask(CALLER, taskId, null);
    }

    TaskRunResponse publish(String taskId) {
        return service().publishTask(CALLER, taskId, null);
    }

    TaskRunResponse approve(String taskId) {
        return service().approveTask(CALLER, taskId, null);
    }

    TaskPayload reject(String taskId) {
        return service().rejectTask(CALLER, taskId).task();
    }

    TaskPayload cancelTask(String taskId, String reason) {
        return service().cancelTask(CALLER, taskId, new Cancel(reason, null)).task();
    }

    RunPayload claimRun(String runId) {
        return service().claimRun(CALLER, runId, new ClaimRun(null)).run();
    }

    RunPayload startRun(String runId) {
        return service().startRun(CALLER, runId, new ClaimRun(null)).run();
    }

    RunPayload completeRun(String runId, JsonNode result) {
        return service().completeRun(CALLER, runId, new CompleteRun(result)).run();
    }

    RunPayload failRun(String runId, String error) {
        return service().failRun(CALLER, runId, new FailRun(error, null)).run();
    }

    RunPayload cancelRun(String runId, String reason) {
        return service().cancelRun(CALLER, runId, new Cancel(reason, null)).run();
    }

    /** Operator path from queued to a finished run: claim, start, then complete. */
    RunPayload runToCompletion(String runId) {
        claimRun(runId);
        startRun(runId);
        return completeRun(runId, null);
    }

    /** Operator path from queued to a failed run: claim, start, then fail. */
    RunPayload runToFailure(String runId, String error) {
        claimRun(runId);
        startRun(runId);
        return failRun(runId, error);
    }

    RunPayload run(String runId) {
        return service().getRun(CALLER, runId).run().run();
    }

    List<RunPayload> runs(String taskId) {
        return service()
                .listRuns(CALLER, taskId, new ListRuns(null, null, null))
                .runs();
    }

    TaskPayload taskOf(String taskId) {
        return detail(taskId).task();
    }

    int sweep() {
        return backend().sweepExpiredLeases();
    }

    /** The events of one run of a task, oldest first. */
    List<String> runEventTypes(String taskId, String runId) {
        List<String> types = new ArrayList<>(events(taskId).stream()
                .filter(e -> runId.equals(e.runId()))
                .map(EventPayload::eventType)
                .toList());
        java.util.Collections.reverse(types);
        return types;
    }

    /** The newest event of {@code type} on {@code taskId}. */
    EventPayload newestEvent(String taskId, String type) {
        return events(taskId).stream()
                .filter(e -> e.eventType().equals(type))
                .findFirst()
                .orElseThrow(() ->
                        new AssertionError("no " + type + " event on " + taskId + "; events: " + eventTypes(taskId)));
    }

    // ---- assertions -----------------------------------------------------------------------------

    /** Runs {@code call}, which must fail with one of {@code codes} (all of one kind); returns the failure. */
    static AghException failsWithOneOf(ThrowingCallable call, ErrorCode... codes) {
        Throwable thrown = catchThrowable(call);
        assertThat(thrown)
                .as("expected a failure with one of %s", Arrays.toString(codes))
                .isInstanceOf(AghException.class);
        AghException failure = (AghException) thrown;
        assertThat(failure.code())
                .as("code of failure \"%s\"", failure.getMessage())
                .isIn((Object[]) codes);
        return failure;
    }

    /** Runs {@code call}, which must be refused as a state conflict (HTTP 409); returns the failure. */
    static AghException conflicts(ThrowingCallable call) {
        Throwable thrown = catchThrowable(call);
        assertThat(thrown).as("expected a 409 conflict").isInstanceOf(AghException.class);
        AghException failure = (AghException) thrown;
        assertThat(failure.kind())
                .as("kind of failure %s \"%s\"", failure.code(), failure.getMessage())
                .isEqualTo(ErrorKind.CONFLICT);
        return failure;
    }

    /** No raw claim token in {@code response} (serialized as the wire has it) nor in any raw body seen so far. */
    void assertNoRawToken(Object response) {
        assertThat(Json.write(response)).doesNotContain(RAW_TOKEN_PREFIX);
        for (String body : rawResponses()) {
            assertThat(body).as("a raw response body").doesNotContain(RAW_TOKEN_PREFIX);
        }
    }
}
