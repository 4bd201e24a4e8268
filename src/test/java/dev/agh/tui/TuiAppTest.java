package dev.agh.tui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agh.api.Requests.UpdateTask;
import dev.agh.client.HttpTaskService;
import dev.agh.domain.ApprovalState;
import dev.agh.domain.TaskStatus;
import dev.agh.http.HttpServer;
import dev.agh.service.TaskService;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.jline.terminal.Attributes.LocalFlag;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal.Signal;
import org.jline.utils.Curses;
import org.jline.utils.InfoCmp.Capability;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole UI driven by key presses on a virtual terminal, against a real {@code LocalTaskService} on a
 * temp H2 store: what the screen shows, that actions reached the service, live refresh, resize, and that
 * the terminal is restored on q, Ctrl-C and errors.
 */
class TuiAppTest {

    @TempDir
    Path dir;

    private TuiFixture fixture;
    private VirtualTerminal vt;

    @BeforeEach
    void open() throws Exception {
        fixture = new TuiFixture(dir).withBoard();
        vt = new VirtualTerminal(100, 30);
    }

    @AfterEach
    void close() throws Exception {
        vt.close();
        fixture.close();
    }

    private TuiApp app(TaskService service) {
        return new TuiApp(
                vt.terminal,
                service,
                fixture.caller,
                TuiOptions.embedded(false, "embedded h2", fixture.service::latestEventSequence));
    }

    /** Back in cooked mode, off the alternate screen, with the cursor shown. */
    private void assertRestored() {
        assertThat(vt.terminal.getAttributes().getLocalFlag(LocalFlag.ICANON))
                .as("canonical mode")
                .isTrue();
        assertThat(vt.terminal.getAttributes().getLocalFlag(LocalFlag.ECHO))
                .as("echo")
                .isTrue();
        String written = vt.written();
        String leave = Curses.tputs(vt.terminal.getStringCapability(Capability.exit_ca_mode));
        String showCursor = Curses.tputs(vt.terminal.getStringCapability(Capability.cursor_visible));
        assertThat(written.lastIndexOf(leave))
                .as("left the alternate screen")
                .isGreaterThan(written.lastIndexOf("ACTIVE"));
        assertThat(written.lastIndexOf(showCursor)).as("cursor shown").isGreaterThan(written.lastIndexOf("ACTIVE"));
    }

    @Test
    void keysDriveTheScreenAndActionsReachTheService() throws Exception {
        vt.start(app(fixture.service));
        String dashboard = vt.await("ACTIVE RUNS 1", "Summarise incident 2231", "STATUS BREAKDOWN");
        assertThat(vt.frame()).hasSize(30);
        assertThat(dashboard).contains("HEALTH ok", "QUEUE BY CHANNEL");

        // Inbox: find TASK-50 with the search, approve it.
        vt.type("2");
        vt.await("APPROVALS 1", "Deploy schema v7");
        vt.type("/TASK-50\r");
        vt.await("search: TASK-50");
        vt.type("a");
        vt.await("TASK-50 approved");
        assertThat(fixture.service
                        .getTask(fixture.caller, fixture.awaitingApproval)
                        .task()
                        .task()
                        .approvalState())
                .isEqualTo(ApprovalState.APPROVED);

        // Tasks: cancel TASK-44, which asks first; n keeps it, y does it.
        vt.type("3");
        vt.await("TITLE", "PRIORITY");
        vt.type("/TASK-44\r");
        vt.await("search: TASK-44");
        vt.type("c");
        vt.await("cancel TASK-44? y to confirm");
        vt.type("n");
        vt.await("cancel TASK-44: not done");
        assertThat(fixture.service
                        .getTask(fixture.caller, fixture.queued)
                        .task()
                        .task()
                        .status())
                .isNotEqualTo(TaskStatus.CANCELED);
        vt.type("c");
        vt.await("cancel TASK-44? y to confirm");
        vt.type("y");
        vt.await("TASK-44 canceled");
        assertThat(fixture.service
                        .getTask(fixture.caller, fixture.queued)
                        .task()
                        .task()
                        .status())
                .isEqualTo(TaskStatus.CANCELED);

        // Open it: details, runs, dependencies, tree and timeline.
        vt.type("\r");
        vt.await("Summarise incident 2231", "RUNS 1", "DEPENDENCIES 0", "TREE", "TIMELINE", "task.canceled");

        // Help and back.
        vt.type("?");
        vt.await("KEYS", "publish a draft");
        vt.type(" ");
        vt.await(screen -> !screen.contains("KEYS"), "help closed");

        vt.type("q");
        assertThat(vt.exitCode()).isZero();
        assertRestored();
    }

    @Test
    void changesInTheStoreShowWithoutAKeyAndTheOpenTimelineFollows() throws Exception {
        vt.start(app(fixture.service));
        vt.await("ACTIVE RUNS 1");
        fixture.create("TASK-80", "Fresh from another writer", null, false, null);
        vt.await("TASKS 6");

        vt.type("3");
        vt.await("TITLE", "PRIORITY");
        vt.type("/TASK-60\r");
        vt.await("search: TASK-60");
        vt.type("\r");
        vt.await("Release 1.4", "TIMELINE", "following");
        fixture.service.updateTask(
                fixture.caller,
                fixture.parent,
                new UpdateTask("Release 1.4.1", null, "urgent", null, null, null, null, null, null, null));
        vt.await("Release 1.4.1", "priority urgent", "task.updated");
    }

    @Test
    void overHttpItWorksTheSameAndFollowsTheStream() throws Exception {
        String token = "tui-test-token";
        HttpServer server = HttpServer.start(
                fixture.service,
                presented -> token.equals(presented) ? Optional.of(fixture.caller) : Optional.empty(),
                "127.0.0.1",
                0);
        try (HttpTaskService client = new HttpTaskService(URI.create("http://127.0.0.1:" + server.port()), token)) {
            vt.start(new TuiApp(
                    vt.terminal,
                    client,
                    fixture.caller,
                    new TuiOptions(false, "server", null, Duration.ofMillis(300), Clock.systemUTC())));
            vt.await("ACTIVE RUNS 1", "server");
            vt.type("2/TASK-50\r");
            vt.await("search: TASK-50", "Deploy schema v7");
            vt.type("a");
            vt.await("TASK-50 approved");
            assertThat(fixture.service
                            .getTask(fixture.caller, fixture.awaitingApproval)
                            .task()
                            .task()
                            .approvalState())
                    .isEqualTo(ApprovalState.APPROVED);
            // Without a change counter the views are read again now and then.
            fixture.create("TASK-80", "Fresh from another writer", null, false, null);
            vt.type("1");
            vt.await("TASKS 6");
            // The open task follows its stream.
            vt.type("3\r");
            vt.await("TIMELINE", "task.approved");
            fixture.service.updateTask(
                    fixture.caller,
                    fixture.awaitingApproval,
                    new UpdateTask(null, null, "urgent", null, null, null, null, null, null, null));
            vt.await("priority urgent", "task.updated");
            vt.type("q");
            assertThat(vt.exitCode()).isZero();
        } finally {
            server.close();
        }
    }

    @Test
    void resizeLaysTheScreenOutAgain() throws Exception {
        vt.start(app(fixture.service));
        vt.await("ACTIVE RUNS 1");
        assertThat(vt.frame())
                .hasSize(30)
                .allSatisfy(line -> assertThat(line.columnLength()).isEqualTo(100));
        vt.terminal.setSize(new Size(80, 24));
        vt.terminal.raise(Signal.WINCH);
        vt.await(screen -> vt.frame().size() == 24, "24 lines");
        assertThat(vt.frame())
                .allSatisfy(line -> assertThat(line.columnLength()).isEqualTo(80));
        assertThat(vt.screen()).contains("ACTIVE RUNS 1", "q quit");
    }

    @Test
    void ctrlCQuitsAndRestoresTheTerminal() throws Exception {
        assertThat(vt.terminal.getAttributes().getLocalFlag(LocalFlag.ICANON)).isTrue();
        vt.start(app(fixture.service));
        vt.await("ACTIVE RUNS 1");
        assertThat(vt.terminal.getAttributes().getLocalFlag(LocalFlag.ICANON))
                .as("raw mode while running")
                .isFalse();
        vt.type("\u0003");
        assertThat(vt.exitCode()).isZero();
        assertThat(vt.terminal.getAttributes().getLocalFlag(LocalFlag.ICANON)).isTrue();
        assertThat(vt.terminal.getAttributes().getLocalFlag(LocalFlag.ECHO)).isTrue();
        assertRestored();
    }

    @Test
    void aFailureRestoresTheTerminalAndPropagates() throws Exception {
        // The real service, except that the second inbox read fails with an error the loop does not handle.
        AtomicInteger inboxReads = new AtomicInteger();
        TaskService failing = (TaskService) Proxy.newProxyInstance(
                TaskService.class.getClassLoader(), new Class<?>[] {TaskService.class}, (proxy, method, args) -> {
                    if (method.getName().equals("inbox") && inboxReads.incrementAndGet() > 1) {
                        throw new AssertionError("the store fell over");
                    }
                    try {
                        return method.invoke(fixture.service, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        vt.start(app(failing));
        vt.await("ACTIVE RUNS 1");
        vt.type("r");
        assertThatThrownBy(vt::exitCode)
                .isInstanceOf(ExecutionException.class)
                .hasRootCauseMessage("the store fell over");
        assertThat(vt.terminal.getAttributes().getLocalFlag(LocalFlag.ICANON)).isTrue();
        assertRestored();
    }
}
