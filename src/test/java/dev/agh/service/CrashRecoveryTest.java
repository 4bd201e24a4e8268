package dev.agh.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.agh.api.ClaimPayload;
import dev.agh.api.Requests.ClaimNext;
import dev.agh.api.Requests.CompleteRun;
import dev.agh.api.Requests.CreateTask;
import dev.agh.api.Requests.ExecuteTask;
import dev.agh.api.Requests.NewSession;
import dev.agh.api.Responses.ClaimResponse;
import dev.agh.api.Responses.SessionResponse;
import dev.agh.api.RunPayload;
import dev.agh.app.AppConfig;
import dev.agh.app.Server;
import dev.agh.client.HttpTaskService;
import dev.agh.domain.AghException;
import dev.agh.domain.ErrorKind;
import dev.agh.domain.OriginKind;
import dev.agh.domain.RunStatus;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * SPEC "Leases, waiting and recovery": when a worker dies holding a lease, {@code agh serve}'s sweeper
 * gives the run to another agent within lease + 1 s. A real server on a fresh data directory, real agents
 * over HTTP with their session tokens; the dead agent simply never calls again.
 */
class CrashRecoveryTest {
    private static final long LEASE_SECONDS = 2;
    /** Sweeper period (1 s) plus scheduling slack. */
    private static final long RECOVERY_MARGIN_MILLIS = 1_000 + 500;

    /** Callers are derived from the bearer token by the server; this argument is not sent. */
    private static final Caller IGNORED = Caller.human("op", OriginKind.HTTP);

    @TempDir
    Path home;

    private Server server;
    private HttpTaskService operator;
    private HttpTaskService doomed;
    private HttpTaskService survivor;

    @BeforeEach
    void startServer() throws Exception {
        server = Server.start(new AppConfig(home, null, null, null, null, "op"), "127.0.0.1", 0, Server.AuthMode.TOKEN);
        String token = Files.readString(home.resolve("operator.token"), StandardCharsets.UTF_8)
                .trim();
        operator = new HttpTaskService(URI.create(server.url()), token);
        doomed = agent("worker");
        survivor = agent("worker");
    }

    @AfterEach
    void stopServer() {
        for (HttpTaskService client : new HttpTaskService[] {doomed, survivor, operator}) {
            if (client != null) {
                client.close();
            }
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    @Timeout(60)
    void anotherAgentGetsTheRunOfADeadOneWithinLeasePlusOneSecond() {
        String taskId = operator.createTask(IGNORED, CreateTask.titled("Survive a crash"))
                .task()
                .id();
        RunPayload queued = operator.enqueueRun(IGNORED, taskId, new ExecuteTask(null, null, null))
                .run();

        ClaimPayload lost = doomed.claimNext(IGNORED, new ClaimNext(null, null, null, LEASE_SECONDS, null, null, null))
                .map(ClaimResponse::claim)
                .orElseThrow();
        long diedAt = System.nanoTime();
        assertThat(lost.run().id()).isEqualTo(queued.id());
        Instant leaseUntil = lost.lease().leaseUntil();

        // The survivor waits for work; only the sweep of the lapsed lease can hand it this run.
        Optional<ClaimPayload> recovered = survivor.claimNext(
                        IGNORED, new ClaimNext(null, null, null, 60L, true, null, 20))
                .map(ClaimResponse::claim);
        long recoveryMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - diedAt);
        Instant recoveredAt = Instant.now();
        System.out.println(
                "run recovered " + recoveryMillis + " ms after its holder died (lease " + LEASE_SECONDS + " s)");

        assertThat(recovered).as("the survivor's claim within its 20 s wait").isPresent();
        assertThat(recovered.get().run().id()).isEqualTo(queued.id());
        assertThat(recovered.get().run().attempt()).isEqualTo(1);
        assertThat(recoveredAt)
                .as("not handed out before the dead agent's lease ran out")
                .isAfterOrEqualTo(leaseUntil);
        assertThat(recoveryMillis)
                .as("time from the crash until another agent holds the run")
                .isLessThanOrEqualTo(LEASE_SECONDS * 1_000 + RECOVERY_MARGIN_MILLIS);

        // The dead agent, should it come back, can no longer complete the run.
        Throwable late = catchThrowable(() -> doomed.completeLease(IGNORED, queued.id(), new CompleteRun(null)));
        assertThat(late).isInstanceOf(AghException.class);
        assertThat(((AghException) late).kind()).isEqualTo(ErrorKind.CONFLICT);
        assertThat(survivor.completeLease(IGNORED, queued.id(), new CompleteRun(null))
                        .lease()
                        .status())
                .isEqualTo(RunStatus.COMPLETED);
        assertThat(operator.getTask(IGNORED, taskId).task().events())
                .extracting(e -> e.eventType())
                .contains("task.run_lease_expired");
    }

    private HttpTaskService agent(String name) {
        SessionResponse created = operator.createSession(IGNORED, new NewSession(name, null, null, null, null));
        return new HttpTaskService(URI.create(server.url()), created.token());
    }
}
