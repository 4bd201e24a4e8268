package dev.agh.cli;

import static dev.agh.cli.CliRunner.agh;
import static dev.agh.cli.CliRunner.createTask;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Delay, retry and pause as a user types them: {@code task start --in/--at}, {@code task create --retry …},
 * {@code agent fail --no-retry}, {@code task pause/resume}, and what show, runs and the dashboard say about them.
 */
class QueueRulesCliTest {
    @TempDir
    Path home;

    private String session() {
        return agh(home, "-o", "json", "session", "new", "--agent", "a")
                .ok()
                .json()
                .path("session")
                .path("session_id")
                .asText();
    }

    @Test
    void startInTenMinutesIsNotClaimableNowAndSaysWhen() {
        String task = createTask(home, "--title", "later");
        Instant before = Instant.now();
        JsonNode run = agh(home, "-o", "json", "task", "start", task, "--in", "10m")
                .ok()
                .json()
                .path("run");
        Instant due = Instant.parse(run.path("not_before").asText());
        assertThat(due)
                .isBetween(
                        before.plus(Duration.ofMinutes(10)).minusSeconds(1),
                        Instant.now().plus(Duration.ofMinutes(10)));
        assertThat(agh(home, "agent", "next", "--session", session()).code()).isEqualTo(ExitCodes.NO_WORK);

        assertThat(agh(home, "task", "show", task).ok().out()).contains("not before " + due);
        assertThat(agh(home, "run", "show", run.path("id").asText()).ok().out()).contains("waits       not before");
        JsonNode item = agh(home, "-o", "json", "dashboard")
                .ok()
                .json()
                .path("dashboard")
                .path("active_runs")
                .path("items")
                .get(0);
        assertThat(item.path("not_before").asText())
                .isEqualTo(run.path("not_before").asText());
    }

    @Test
    void atTakesRfc3339OrALocalTimeAndNotBothWithIn() {
        String task = createTask(home, "--title", "at nine");
        String inAMonth = Instant.now()
                .plus(Duration.ofDays(30))
                .truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                .toString();
        JsonNode run = agh(home, "-o", "json", "task", "enqueue", task, "--at", inAMonth)
                .ok()
                .json()
                .path("run");
        assertThat(run.path("not_before").asText()).isEqualTo(inAMonth);
        String other = createTask(home, "--title", "local");
        String localTime =
                java.time.LocalDateTime.now().plusDays(30).withNano(0).toString();
        Instant expected = java.time.LocalDateTime.parse(localTime)
                .atZone(java.time.ZoneId.systemDefault())
                .toInstant();
        assertThat(Instant.parse(agh(home, "-o", "json", "task", "start", other, "--at", localTime)
                        .ok()
                        .json()
                        .path("run")
                        .path("not_before")
                        .asText()))
                .as("a local time is in this machine's zone")
                .isEqualTo(expected);
        CliRunner.Result both =
                agh(home, "task", "start", createTask(home, "--title", "x"), "--in", "1m", "--at", inAMonth);
        assertThat(both.code()).isEqualTo(ExitCodes.INVALID);
        assertThat(both.err()).contains("--in or --at");
        CliRunner.Result garbled = agh(home, "task", "start", createTask(home, "--title", "y"), "--at", "next tuesday");
        assertThat(garbled.code()).isEqualTo(ExitCodes.INVALID);
        assertThat(garbled.err()).contains("--at must look like");
    }

    @Test
    void aTaskWithARetryPolicyIsRetriedAfterAnAgentFailureButNotAfterNoRetry() {
        String task = agh(
                        home,
                        "-o",
                        "json",
                        "task",
                        "create",
                        "--title",
                        "flaky",
                        "--retry",
                        "exponential",
                        "--retry-base",
                        "2m",
                        "--retry-max",
                        "1h",
                        "--retry-jitter",
                        "0")
                .ok()
                .json()
                .path("task")
                .path("id")
                .asText();
        assertThat(agh(home, "task", "show", task).ok().out()).contains("exponential, 120s doubling up to 3600s");
        agh(home, "task", "start", task).ok();
        String session = session();
        String first = agh(home, "-o", "json", "agent", "next", "--session", session)
                .ok()
                .json()
                .path("claim")
                .path("run")
                .path("id")
                .asText();
        agh(home, "agent", "fail", first, "--session", session, "--error", "rate limited")
                .ok();

        JsonNode runs =
                agh(home, "-o", "json", "task", "runs", task).ok().json().path("runs");
        assertThat(runs).hasSize(2);
        assertThat(runs.get(0).path("attempt").asInt()).isEqualTo(2);
        assertThat(runs.get(0).path("status").asText()).isEqualTo("queued");
        assertThat(agh(home, "task", "runs", task).ok().out())
                .contains("rate limited")
                .contains("not before");
        assertThat(agh(home, "-o", "json", "task", "timeline", task).ok().out()).contains("task.run_retry_scheduled");

        String fatal = agh(home, "-o", "json", "task", "create", "--title", "fatal", "--retry", "fixed")
                .ok()
                .json()
                .path("task")
                .path("id")
                .asText();
        agh(home, "task", "start", fatal).ok();
        String other = session();
        String run = agh(home, "-o", "json", "agent", "next", "--session", other)
                .ok()
                .json()
                .path("claim")
                .path("run")
                .path("id")
                .asText();
        agh(home, "agent", "fail", run, "--session", other, "--error", "bad input", "--no-retry")
                .ok();
        assertThat(agh(home, "-o", "json", "task", "runs", fatal).ok().json().path("runs"))
                .hasSize(1);
    }

    @Test
    void retryOptionsAreCheckedBeforeAnythingIsWritten() {
        CliRunner.Result lonely = agh(home, "task", "create", "--title", "t", "--retry-base", "10s");
        assertThat(lonely.code()).isEqualTo(ExitCodes.INVALID);
        assertThat(lonely.err()).contains("need --retry fixed or --retry exponential");
        CliRunner.Result unknown = agh(home, "task", "create", "--title", "t", "--retry", "sometimes");
        assertThat(unknown.code()).isEqualTo(ExitCodes.INVALID);
        assertThat(unknown.err()).contains("none|fixed|exponential");
        assertThat(agh(home, "-o", "json", "task", "list").ok().json().path("tasks"))
                .isEmpty();

        String task = createTask(home, "--title", "changing");
        agh(home, "task", "update", task, "--retry", "fixed", "--retry-base", "45s")
                .ok();
        assertThat(agh(home, "task", "show", task).ok().out()).contains("fixed, 45s");
        agh(home, "task", "update", task, "--clear-retry").ok();
        assertThat(agh(home, "task", "show", task).ok().out()).contains("server default");
    }

    @Test
    void pauseStopsTheSubtreeAndResumeLetsItGo() {
        String parent = createTask(home, "--title", "release");
        String child = agh(home, "-o", "json", "task", "child", parent, "--title", "build")
                .ok()
                .json()
                .path("task")
                .path("id")
                .asText();
        agh(home, "task", "start", child).ok();
        CliRunner.Result paused = agh(home, "task", "pause", parent, "--reason", "freeze");
        assertThat(paused.ok().out()).contains("paused").contains("agh task resume " + parent);
        assertThat(agh(home, "task", "list").ok().out()).contains("[paused] build");
        assertThat(agh(home, "task", "tree", parent).ok().out()).contains(child + "  ready [paused]  build");
        String session = session();
        assertThat(agh(home, "agent", "next", "--session", session).code()).isEqualTo(ExitCodes.NO_WORK);
        assertThat(agh(home, "-o", "json", "dashboard")
                        .ok()
                        .json()
                        .path("dashboard")
                        .path("active_runs")
                        .path("items")
                        .get(0)
                        .path("task_paused")
                        .asBoolean())
                .isTrue();

        agh(home, "task", "resume", parent).ok();
        assertThat(agh(home, "-o", "json", "agent", "next", "--session", session)
                        .ok()
                        .json()
                        .path("claim")
                        .path("task")
                        .path("id")
                        .asText())
                .isEqualTo(child);
        assertThat(agh(home, "task", "pause", "task-nope").code()).isEqualTo(ExitCodes.NOT_FOUND);
    }
}
