package dev.agh.tui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agh.tui.Key.Kind;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Keys as pure transitions: the next state and the effects asked for, no terminal and no service calls. */
class KeysTest {
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

    private static Transition press(TuiState state, Object... keys) {
        Transition t = Transition.of(state);
        for (Object key : keys) {
            t = Keys.handle(t.state(), key instanceof Key k ? k : Key.of((Character) key));
        }
        return t;
    }

    @Test
    void quitOnQAndCtrlC() {
        TuiState state = fixture.state(Tab.DASHBOARD, true);
        assertThat(press(state, 'q').effects()).containsExactly(new Effect.Quit());
        assertThat(press(state, Key.of(Kind.INTERRUPT)).effects()).containsExactly(new Effect.Quit());
        // Even while a confirmation or the search line takes the other keys.
        assertThat(press(state, '/', Key.of(Kind.INTERRUPT)).effects()).containsExactly(new Effect.Quit());
    }

    @Test
    void tabsSwitchWithTabAndDigitsAndResetTheSelection() {
        TuiState state = fixture.state(Tab.TASKS, true).withSelected(3);
        assertThat(press(state, Key.of(Kind.TAB)).state().tab()).isEqualTo(Tab.DASHBOARD);
        assertThat(press(state, Key.of(Kind.BACK_TAB)).state().tab()).isEqualTo(Tab.INBOX);
        assertThat(press(state, '2').state())
                .extracting(TuiState::tab, TuiState::selected)
                .containsExactly(Tab.INBOX, 0);
    }

    @Test
    void arrowsMoveWithinTheList() {
        TuiState tasks = fixture.state(Tab.TASKS, true);
        int count = Rows.of(tasks).size();
        assertThat(press(tasks, Key.of(Kind.DOWN), 'j').state().selected()).isEqualTo(2);
        assertThat(press(tasks, Key.of(Kind.UP)).state().selected()).isZero();
        assertThat(press(tasks, 'G').state().selected()).isEqualTo(count - 1);
        assertThat(press(tasks, 'G', Key.of(Kind.DOWN)).state().selected()).isEqualTo(count - 1);
    }

    @Test
    void enterOpensTheSelectedTaskAndEscapeCloses() {
        TuiState tasks = fixture.state(Tab.TASKS, true);
        String id = tasks.selectedRow().taskId();
        Transition open = press(tasks, Key.of(Kind.ENTER));
        assertThat(open.state().task().taskId()).isEqualTo(id);
        assertThat(open.effects()).containsExactly(new Effect.Open(id));
        Transition back = press(open.state(), Key.of(Kind.ESCAPE));
        assertThat(back.state().task()).isNull();
        assertThat(back.effects()).containsExactly(new Effect.Close());
    }

    @Test
    void safeActionsRunAtOnce() {
        TuiState inbox = fixture.state(Tab.INBOX, true);
        TaskRow row = inbox.selectedRow();
        Transition approve = press(inbox, 'a');
        assertThat(approve.effects()).containsExactly(new Effect.Act(Action.APPROVE, row.taskId(), row.identifier()));
        assertThat(approve.state().status()).contains("approve " + row.identifier());
        assertThat(press(inbox, 'm').effects())
                .containsExactly(new Effect.Act(Action.MARK_READ, row.taskId(), row.identifier()));
    }

    @Test
    void destructiveActionsAskForYFirst() {
        TuiState inbox = fixture.state(Tab.INBOX, true);
        String id = inbox.selectedRow().taskId();
        for (char key : new char[] {'x', 'c', 'A'}) {
            Transition asked = press(inbox, key);
            assertThat(asked.effects()).as("effects of %s before y", key).isEmpty();
            assertThat(asked.state().confirming().taskId()).isEqualTo(id);
            Transition confirmed = press(asked.state(), 'y');
            assertThat(confirmed.effects()).hasSize(1).first().isInstanceOf(Effect.Act.class);
            assertThat(confirmed.state().confirming()).isNull();
            Transition declined = press(asked.state(), 'n');
            assertThat(declined.effects()).isEmpty();
            assertThat(declined.state().status()).contains("not done");
        }
    }

    @Test
    void actionsInATaskActOnThatTask() {
        TuiState open = fixture.state(Tab.DASHBOARD, true).withTask(fixture.task(fixture.draft));
        assertThat(press(open, 'p').effects())
                .containsExactly(new Effect.Act(Action.PUBLISH, fixture.draft, "TASK-70"));
    }

    @Test
    void actionsWithNothingSelectedSaySo() {
        TuiState empty = TuiState.initial(true, null);
        Transition t = press(empty, 'a');
        assertThat(t.effects()).isEmpty();
        assertThat(t.state().status()).contains("no task selected");
    }

    @Test
    void slashTypesASearchThatFiltersTheRows() {
        TuiState tasks = fixture.state(Tab.TASKS, true);
        Transition typed = press(tasks, '/', 'r', 'e', 'l', 'x', Key.of(Kind.BACKSPACE));
        assertThat(typed.state().typingSearch()).isTrue();
        assertThat(typed.state().search()).isEqualTo("rel");
        // While typing, letters are text, not actions or quit.
        assertThat(press(typed.state(), 'q').effects()).isEmpty();
        Transition applied = press(typed.state(), Key.of(Kind.ENTER));
        assertThat(applied.state().typingSearch()).isFalse();
        assertThat(Rows.of(applied.state()))
                .extracting(TaskRow::identifier)
                .containsExactlyInAnyOrder("TASK-60", "TASK-61");
        assertThat(press(applied.state(), Key.of(Kind.ESCAPE)).state().search()).isNull();
    }

    @Test
    void helpOpensOnQuestionMarkAndAnyKeyClosesIt() {
        TuiState state = fixture.state(Tab.DASHBOARD, true);
        Transition help = press(state, '?');
        assertThat(help.state().help()).isTrue();
        Transition closed = press(help.state(), 'q');
        assertThat(closed.state().help()).isFalse();
        assertThat(closed.effects()).isEmpty();
    }

    @Test
    void unreadOnlyHidesReadInboxItems() {
        TuiState inbox = fixture.state(Tab.INBOX, true);
        assertThat(press(inbox, 'u').state().unreadOnly()).isTrue();
    }

    @Test
    void inATaskArrowsScrollTheTimelineAndFFollowsAgain() {
        TuiState open = fixture.state(Tab.DASHBOARD, true).withTask(fixture.task(fixture.queued));
        TaskView scrolled = press(open, Key.of(Kind.UP)).state().task();
        assertThat(scrolled.follow()).isFalse();
        assertThat(scrolled.back()).isEqualTo(1);
        TaskView following = press(open, Key.of(Kind.UP), 'f').state().task();
        assertThat(following.follow()).isTrue();
        assertThat(following.back()).isZero();
    }
}
