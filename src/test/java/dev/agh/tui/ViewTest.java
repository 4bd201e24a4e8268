package dev.agh.tui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agh.api.DashboardActiveRunsPayload;
import dev.agh.api.DashboardCardsPayload;
import dev.agh.api.DashboardPayload;
import dev.agh.api.DashboardQueuePayload;
import dev.agh.domain.Priority;
import dev.agh.domain.RunStatus;
import dev.agh.domain.TaskStatus;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.jline.terminal.Size;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStyle;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The view as a pure function: fixed sizes in, exact lines out, on data read from a real store. */
class ViewTest {
    private static final Size SMALL = new Size(80, 24);
    private static final Size LARGE = new Size(120, 40);

    @TempDir
    static Path dir;

    private static TuiFixture fixture;

    @BeforeAll
    static void board() {
        fixture = new TuiFixture(dir).withBoard();
    }

    @AfterAll
    static void close() {
        fixture.close();
    }

    static String text(List<AttributedString> lines) {
        return lines.stream().map(AttributedString::toString).collect(Collectors.joining("\n"));
    }

    private static List<TuiState> everyScreen() {
        List<TuiState> states = new ArrayList<>();
        for (Tab tab : Tab.values()) {
            states.add(fixture.state(tab, true));
            states.add(fixture.state(tab, false).withSearch("release", false));
        }
        TuiState dashboard = fixture.state(Tab.DASHBOARD, true);
        states.add(dashboard.withTask(fixture.task(fixture.parent)));
        states.add(dashboard.withTask(fixture.task(fixture.child)));
        states.add(dashboard.withTask(TaskView.loading(fixture.child)));
        states.add(dashboard.withHelp(true));
        states.add(dashboard.withConfirming(new Confirmation(Action.CANCEL, fixture.queued, "TASK-44")));
        states.add(dashboard.withSearch("dep", true));
        states.add(TuiState.initial(true, "embedded h2"));
        return states;
    }

    @Test
    void everyScreenFillsExactlyTheTerminal() {
        List<Size> sizes =
                List.of(SMALL, LARGE, new Size(100, 30), new Size(60, 20), new Size(200, 60), new Size(30, 8));
        for (TuiState state : everyScreen()) {
            for (Size size : sizes) {
                List<AttributedString> lines = View.render(state, size);
                assertThat(lines).as("lines at %s of %s", size, state.tab()).hasSize(size.getRows());
                for (AttributedString line : lines) {
                    assertThat(line.columnLength())
                            .as("width of \"%s\" at %s", line, size)
                            .isEqualTo(size.getColumns());
                }
            }
        }
    }

    @Test
    void dashboardAt80x24ShowsCardsHealthQueueBreakdownAndActiveRuns() {
        String screen = text(View.render(fixture.state(Tab.DASHBOARD, true), SMALL));
        assertThat(screen)
                .contains(
                        "Dashboard",
                        "Inbox (",
                        "Tasks",
                        "TASKS 5",
                        "IN PROGRESS",
                        "BLOCKED 2",
                        "FAILED 0",
                        "CLAIM LATENCY",
                        "QUEUE 1",
                        "HEALTH ok",
                        "STATUS BREAKDOWN",
                        "total 5",
                        "QUEUE BY CHANNEL",
                        "review",
                        "ACTIVE RUNS 1",
                        "Summarise incident 2231",
                        "TASK-44",
                        "queued",
                        "q quit");
        assertThat(screen).contains("█");
    }

    @Test
    void dashboardAt120x40ShowsTheRunIdAndEveryStatus() {
        List<AttributedString> lines = View.render(fixture.state(Tab.DASHBOARD, true), LARGE);
        String screen = text(lines);
        assertThat(screen).contains("run-", "ready", "blocked", "draft", "1/3");
        // All six cards fit on one line at 120 columns.
        assertThat(lines.get(2).toString())
                .contains("TASKS", "IN PROGRESS", "BLOCKED", "FAILED", "CLAIM LATENCY", "QUEUE");
    }

    /** Ids are what a user copies into the next command: never cut, in every list. */
    @Test
    void idsAreShownWholeInEveryList() {
        TuiState dashboard = fixture.state(Tab.DASHBOARD, true);
        String runId = dashboard.data().dashboard().activeRuns().items().get(0).runId();
        assertThat(runId).hasSize(20);
        assertThat(text(View.render(dashboard, LARGE))).contains(runId);
        // A task without an identifier is listed by its id: its column takes the whole id.
        assertThat(Labels.columnWidth(java.util.stream.Stream.of("TASK-44", "task-0123456789abcdef")))
                .isEqualTo(22);
        assertThat(Labels.columnWidth(java.util.stream.Stream.of("TASK-44", "OPS-7")))
                .isEqualTo(8);
    }

    @Test
    void dashboardWarnsOfStuckAndOrphanRunsAndBacklog() {
        TuiState state = TuiState.initial(true, null)
                .withData(new Snapshot(troubledDashboard(), null, List.of(), Instant.parse("2026-01-01T12:00:00Z")));
        String screen = text(View.render(state, SMALL));
        assertThat(screen)
                .contains(
                        "HEALTH warn",
                        "2 stuck runs",
                        "1 orphan run",
                        "queue older than",
                        "⚠ backlog",
                        "STUCK",
                        "Refactor lease sweeper");
    }

    /** A scheduled retry on the dashboard: when it comes due, and that its task is paused. */
    @Test
    void dashboardSaysWhenAQueuedRunIsDueAndThatItsTaskIsPaused() {
        DashboardPayload base = troubledDashboard();
        var retry = new DashboardActiveRunsPayload.Item(
                "task-2",
                "TASK-42",
                "Call the flaky API",
                TaskStatus.READY,
                Priority.MEDIUM,
                null,
                null,
                null,
                9,
                "run-77a",
                RunStatus.QUEUED,
                2,
                3,
                null,
                null,
                Instant.parse("2026-01-01T11:59:00Z"),
                60_000,
                "ok",
                false,
                null,
                Instant.parse("2026-01-01T12:04:30Z"),
                null);
        var held = new DashboardActiveRunsPayload.Item(
                "task-3",
                "TASK-43",
                "Frozen deploy",
                TaskStatus.READY,
                Priority.MEDIUM,
                null,
                null,
                null,
                9,
                "run-77b",
                RunStatus.QUEUED,
                1,
                3,
                null,
                null,
                Instant.parse("2026-01-01T11:59:00Z"),
                60_000,
                "ok",
                false,
                null,
                null,
                true);
        var active = new DashboardActiveRunsPayload(2, 0, 0, 0, 2, List.of(retry, held));
        DashboardPayload withRetry = new DashboardPayload(
                base.totals(), base.cards(), base.statusBreakdown(), base.queue(), base.health(), active, null);
        TuiState state = TuiState.initial(true, null)
                .withData(new Snapshot(withRetry, null, List.of(), Instant.parse("2026-01-01T12:00:00Z")));
        assertThat(text(View.render(state, LARGE)))
                .contains("Call the flaky API", "2/3", "in 4m 30s", "Frozen deploy", "paused");
    }

    @Test
    void headerSaysWhenTheDataStoppedUpdating() {
        TuiState live = fixture.state(Tab.DASHBOARD, true);
        assertThat(View.render(live, SMALL).get(0).toString()).contains("● live");
        TuiState stale = live.withData(live.data().asStale());
        assertThat(View.render(stale, SMALL).get(0).toString())
                .contains("○ stale since")
                .doesNotContain("live");
    }

    @Test
    void inboxShowsLanesWithUnreadCountsAndItems() {
        String screen = text(View.render(fixture.state(Tab.INBOX, true), SMALL));
        assertThat(screen).contains("APPROVALS 1", "(1 unread)", "Deploy schema v7", "TASK-50", "awaiting approval");
    }

    @Test
    void taskListShowsEveryTaskWithDraftsAndSearchFilters() {
        TuiState state = fixture.state(Tab.TASKS, true);
        assertThat(text(View.render(state, SMALL)))
                .contains("TASK-44", "TASK-50", "TASK-60", "TASK-61", "TASK-70", "Nightly export", "draft");
        String searched = text(View.render(state.withSearch("release", false), SMALL));
        assertThat(searched)
                .contains("Release 1.4", "Write release notes", "search: release")
                .doesNotContain("TASK-50");
    }

    @Test
    void taskShowsRunsDependenciesTreeAndTimeline() {
        TuiState dashboard = fixture.state(Tab.DASHBOARD, true);
        String child = text(View.render(dashboard.withTask(fixture.task(fixture.child)), SMALL));
        assertThat(child)
                .contains(
                        "Write release notes",
                        "TASK-61",
                        "RUNS 0",
                        "DEPENDENCIES 1",
                        "TASK-44",
                        "TREE",
                        "TIMELINE",
                        "task.created",
                        "following");
        String parent = text(View.render(dashboard.withTask(fixture.task(fixture.parent)), LARGE));
        assertThat(parent).contains("TREE 1 below", "■ TASK-60", "↳ TASK-61");
        String queued = text(View.render(dashboard.withTask(fixture.task(fixture.queued)), LARGE));
        assertThat(queued).contains("RUNS 1", "#1 queued", "task.run_enqueued");
    }

    @Test
    void confirmationSearchAndHelpShowOnScreen() {
        TuiState state = fixture.state(Tab.DASHBOARD, true);
        assertThat(text(View.render(
                        state.withConfirming(new Confirmation(Action.CANCEL, fixture.queued, "TASK-44")), SMALL)))
                .contains("cancel TASK-44? y to confirm");
        assertThat(text(View.render(state.withSearch("dep", true), SMALL))).contains("/dep");
        assertThat(text(View.render(state.withHelp(true), SMALL))).contains("KEYS", "approve", "quit");
    }

    @Test
    void selectedRowIsInverseEdgeToEdge() {
        for (Tab tab : Tab.values()) {
            for (boolean color : new boolean[] {true, false}) {
                List<AttributedString> lines = View.render(fixture.state(tab, color), SMALL);
                AttributedString first = lines.stream()
                        .filter(l -> l.toString().contains("TASK-"))
                        .findFirst()
                        .orElseThrow();
                // Gaps between the cells included.
                for (int i = 0; i < first.length(); i++) {
                    assertThat(inverse(first.styleAt(i)))
                            .as("inverse at column %s of \"%s\" (%s)", i, first, tab)
                            .isTrue();
                }
            }
        }
    }

    @Test
    void withoutColourOnlyAttributesAreUsed() {
        for (TuiState state : List.of(
                fixture.state(Tab.DASHBOARD, false),
                fixture.state(Tab.INBOX, false),
                fixture.state(Tab.TASKS, false))) {
            String ansi = View.render(state, LARGE).stream()
                    .map(AttributedString::toAnsi)
                    .collect(Collectors.joining());
            assertThat(ansi).as("colour codes with NO_COLOR").doesNotContainPattern(sgr("3[0-9]|9[0-7]|4[0-9]"));
            assertThat(ansi).as("bold and inverse").containsPattern(sgr("1")).containsPattern(sgr("7"));
        }
        String coloured = View.render(fixture.state(Tab.DASHBOARD, true), LARGE).stream()
                .map(AttributedString::toAnsi)
                .collect(Collectors.joining());
        assertThat(coloured).containsPattern(sgr("3[0-7]"));
    }

    /** An SGR escape sequence with a parameter matching {@code code}, e.g. "ESC[31;1m" for "3[0-7]". */
    private static String sgr(String code) {
        return "\u001b\\[(?:[0-9]+;)*(?:" + code + ")(?:;[0-9]+)*m";
    }

    private static boolean inverse(AttributedStyle style) {
        return (style.getStyle() & 0x00000020) != 0;
    }

    private static DashboardPayload troubledDashboard() {
        var totals = new DashboardPayload.Totals(3, 3, 0, 0, 0, 2, 0, 0, 1, 0, 0, 0, 1, 1, 0, 1, 0, 0, 0, 3);
        var latency = new DashboardCardsPayload.Latency(2, 40, 2100);
        var cards = new DashboardCardsPayload(
                new DashboardCardsPayload.InProgress(2, 3, 1, 0, 1, 1, "warn"),
                new DashboardCardsPayload.Blocked(0, 0, 0, "ok"),
                new DashboardCardsPayload.Failed(1, 1, 0, "warn"),
                new DashboardCardsPayload.LatencyCard(latency, latency));
        var breakdown = List.of(
                new DashboardPayload.StatusBucket(TaskStatus.IN_PROGRESS, 2, 67),
                new DashboardPayload.StatusBucket(TaskStatus.FAILED, 1, 33));
        var queue = new DashboardQueuePayload(
                1,
                Instant.parse("2026-01-01T11:40:00Z"),
                1_200_000,
                600_000,
                true,
                "warn",
                List.of(new DashboardQueuePayload.Depth(
                        "review", 1, Instant.parse("2026-01-01T11:40:00Z"), 1_200_000)));
        var health = new DashboardPayload.Health("warn", 2, 1, true);
        var item = new DashboardActiveRunsPayload.Item(
                "task-1",
                "TASK-41",
                "Refactor lease sweeper",
                TaskStatus.IN_PROGRESS,
                Priority.HIGH,
                null,
                null,
                null,
                7,
                "run-9f2",
                RunStatus.CLAIMED,
                1,
                3,
                "sess-1",
                null,
                Instant.parse("2026-01-01T11:54:00Z"),
                360_000,
                "stuck",
                true,
                null);
        var active = new DashboardActiveRunsPayload(3, 1, 0, 1, 1, List.of(item));
        return new DashboardPayload(totals, cards, breakdown, queue, health, active, null);
    }
}
