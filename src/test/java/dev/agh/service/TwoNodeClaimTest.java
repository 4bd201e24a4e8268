package dev.agh.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.agh.api.Requests.ClaimNext;
import dev.agh.api.Requests.CreateTask;
import dev.agh.api.Requests.NewSession;
import dev.agh.api.Responses.ClaimResponse;
import dev.agh.domain.Actor;
import dev.agh.domain.OriginKind;
import dev.agh.store.jdbi.JdbiTaskStore;
import dev.agh.testing.Databases;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * An agent waiting for work on one node wakes when another node on the same database enqueues: on
 * H2 found by reading the event counter, on PostgreSQL told by LISTEN/NOTIFY (the waiting node then
 * reads no counter at all).
 */
class TwoNodeClaimTest {
    private static final Caller OPERATOR = Caller.human("op", OriginKind.CLI);

    @TempDir
    Path dataDir;

    @Test
    @Timeout(60)
    void h2() throws Exception {
        wakesWhenTheOtherNodeEnqueues(Databases.h2Url(dataDir), false);
    }

    @Test
    @Tag("postgres")
    @Timeout(60)
    void postgres() throws Exception {
        Databases.inFreshSchema(url -> wakesWhenTheOtherNodeEnqueues(url, true));
    }

    private static void wakesWhenTheOtherNodeEnqueues(String url, boolean told) throws Exception {
        try (JdbiTaskStore waitingStore = JdbiTaskStore.open(url, 4);
                LocalTaskService waiting = new LocalTaskService(waitingStore, Clock.systemUTC());
                LocalTaskService enqueuing = new LocalTaskService(JdbiTaskStore.open(url, 4), Clock.systemUTC())) {
            await().atMost(Duration.ofSeconds(10))
                    .untilAsserted(() -> assertThat(waitingStore.toldOfOtherCommits())
                            .as("other commits are told, not polled for")
                            .isEqualTo(told));
            var session = waiting.createSession(OPERATOR, new NewSession("agent", null, "agent", null, null));
            Caller agent = new Caller(
                    Actor.agentSession(session.session().sessionId()),
                    OriginKind.CLI,
                    session.session().sessionId());
            for (int round = 0; round < 5; round++) {
                CompletableFuture<Optional<ClaimResponse>> claim = CompletableFuture.supplyAsync(
                        () -> waiting.claimNext(agent, new ClaimNext(null, null, null, null, true, null, 20)));
                Thread.sleep(200); // the claimer is waiting
                String taskId = enqueuing
                        .createTask(OPERATOR, CreateTask.titled("task " + round))
                        .task()
                        .id();
                long enqueued = System.nanoTime();
                enqueuing.startTask(OPERATOR, taskId, null);
                Optional<ClaimResponse> claimed = claim.get(15, TimeUnit.SECONDS);
                long wokeMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - enqueued);
                assertThat(claimed).as("round %d", round).isPresent();
                assertThat(claimed.get().claim().task().id()).isEqualTo(taskId);
                assertThat(wokeMillis)
                        .as("wake-up after the other node's enqueue, round %d", round)
                        .isLessThan(1_000);
                waiting.completeLease(
                        agent, claimed.get().claim().run().id(), new dev.agh.api.Requests.CompleteRun(null));
            }
        }
    }
}
