package dev.agh.cli;

import static dev.agh.cli.CliRunner.agh;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agh.cli.CliRunner.Result;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The benchmark commands print the fields their results are recorded by, on small sizes. */
class CliBenchTest {
    @TempDir
    Path home;

    @Test
    @Timeout(120)
    void benchCyclePrintsThroughputLatenciesAndTheFileSize() {
        Result bench = agh(home, "-o", "json", "bench", "cycle", "--agents", "2", "--tasks", "40");
        assertThat(bench.code()).as("%s", bench).isZero();
        JsonNode result = bench.json();
        assertThat(result.get("calls").asText()).isEqualTo("complete with next");
        assertThat(result.get("cycles").asInt())
                .as("every run done once, the claims inside the completions")
                .isEqualTo(40);
        assertThat(result.get("cycles_per_second").asDouble()).isPositive();
        for (String latency : new String[] {"complete_with_next_latency_ms", "wake_latency_ms"}) {
            assertThat(result.get(latency).get("p99").asDouble())
                    .as(latency)
                    .isGreaterThanOrEqualTo(result.get(latency).get("p50").asDouble());
        }
        assertThat(result.get("complete_with_next_latency_ms").get("samples").asInt())
                .isEqualTo(40);
        assertThat(result.get("writes_per_commit").asDouble())
                .as("writes share commits, at least one each")
                .isGreaterThanOrEqualTo(1.0);
        assertThat(result.get("wake_latency_ms").get("samples").asInt()).isEqualTo(200);
        assertThat(result.get("store_file_mb").get("cycled").asDouble())
                .isGreaterThanOrEqualTo(
                        result.get("store_file_mb").get("seeded").asDouble())
                .isPositive();
    }

    @Test
    @Timeout(120)
    void benchCycleUnbundledTimesTheClaimsAndCompletionsApart() {
        Result bench = agh(home, "-o", "json", "bench", "cycle", "--agents", "2", "--tasks", "40", "--unbundled");
        assertThat(bench.code()).as("%s", bench).isZero();
        JsonNode result = bench.json();
        assertThat(result.get("calls").asText()).isEqualTo("claim-next, complete");
        assertThat(result.get("cycles").asInt()).isEqualTo(40);
        assertThat(result.get("claim_latency_ms").get("samples").asInt()).isEqualTo(40);
        assertThat(result.get("complete_latency_ms").get("samples").asInt()).isEqualTo(40);
    }

    @Test
    @Timeout(120)
    void benchCycleWithARateTakesAtLeastItsTime() {
        // 20 cycles at 40 per second: the last one is due after 0.475 s.
        Result bench = agh(home, "-o", "json", "bench", "cycle", "--agents", "2", "--tasks", "20", "--rate", "40");
        assertThat(bench.code()).as("%s", bench).isZero();
        assertThat(bench.json().get("rate").asDouble()).isEqualTo(40.0);
        assertThat(bench.json().get("elapsed_seconds").asDouble()).isGreaterThanOrEqualTo(0.45);
        assertThat(bench.json().get("cycles_per_second").asDouble()).isLessThanOrEqualTo(45.0);
    }

    @Test
    void benchCycleRefusesANegativeRateOrNoAgents() {
        for (String[] args : new String[][] {{"--rate", "-5"}, {"--rate", "NaN"}, {"--agents", "0"}}) {
            Result bench = agh(home, "-o", "json", "bench", "cycle", "--tasks", "5", args[0], args[1]);
            assertThat(bench.code()).as("%s", bench).isEqualTo(ExitCodes.INVALID);
            assertThat(bench.err()).contains("--rate a number of 0 or more");
        }
    }

    @Test
    @Timeout(180)
    void benchDashboardSeedsAStoreAndTimesEveryQuery() {
        Result bench =
                agh(home, "-o", "json", "bench", "dashboard", "--tasks", "400", "--runs", "1200", "--iterations", "3");
        assertThat(bench.code()).as("%s", bench).isZero();
        JsonNode result = bench.json();
        assertThat(result.get("tasks").asInt()).isEqualTo(400);
        for (String query : new String[] {
            "dashboard_ms", "dashboard_workspace_ms", "inbox_ms", "inbox_workspace_ms", "inbox_unread_ms"
        }) {
            assertThat(result.get(query).get("samples").asInt()).as(query).isEqualTo(3);
            assertThat(result.get(query).get("p95").asDouble())
                    .as(query)
                    .isGreaterThanOrEqualTo(result.get(query).get("p50").asDouble())
                    .isPositive();
        }
    }
}
