package dev.agh.tui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The state across reloads: the selection follows its task, and the open timeline only grows. */
class TuiStateTest {
    @TempDir
    Path dir;

    @Test
    void selectionStaysOnItsTaskWhenTheListReorders() {
        try (TuiFixture fixture = new TuiFixture(dir).withBoard()) {
            TuiState state = fixture.state(Tab.TASKS, true).withSelected(2);
            TaskRow chosen = state.selectedRow();
            fixture.create("TASK-90", "Newest first", null, false, null);
            TuiState reloaded =
                    state.withData(new Reads(fixture.service, fixture.caller, Clock.systemUTC()).snapshot());
            assertThat(Rows.of(reloaded)).hasSize(Rows.of(state).size() + 1);
            assertThat(reloaded.selectedRow()).isEqualTo(chosen);
        }
    }

    @Test
    void theTimelineKeepsEachEventOnceAndHoldsItsPlaceWhenNotFollowing() {
        try (TuiFixture fixture = new TuiFixture(dir).withBoard()) {
            TaskView view = fixture.task(fixture.queued);
            int events = view.timeline().size();
            assertThat(view.withEvents(view.timeline()).timeline()).hasSize(events);
            TaskView paused = view.scrolled(1);
            fixture.service.cancelTask(fixture.caller, fixture.queued, new dev.agh.api.Requests.Cancel(null, null));
            TaskView updated = new Reads(fixture.service, fixture.caller, Clock.systemUTC()).task(paused);
            int added = updated.timeline().size() - events;
            assertThat(added).isPositive();
            assertThat(updated.back()).isEqualTo(1 + added);
            assertThat(updated.follow()).isFalse();
        }
    }
}
