package dev.agh.tui;

import dev.agh.domain.AghException;
import dev.agh.service.Caller;
import dev.agh.service.TaskService;
import dev.agh.service.TaskWatch;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.utils.AttributedString;
import org.jline.utils.Display;

/**
 * The loop: waits for a key, a resize, a stream event or a change of the store; folds it into the
 * state with {@link Keys}; does the effects through the service; and draws the {@link View} of the new
 * state with JLine's {@link Display}, which writes only the cells that differ (no flicker). Nothing is
 * drawn when the state did not change. {@link TerminalMode} puts the terminal back however this ends.
 */
public final class TuiApp {
    /** How long the loop waits for input before it looks at the change counter. */
    private static final long TICK_MILLIS = 250;

    private final Terminal terminal;
    private final TaskService service;
    private final Caller caller;
    private final TuiOptions options;
    private final Reads reads;
    private final TaskActions actions;
    private final BlockingQueue<Input> inputs = new LinkedBlockingQueue<>();

    private TuiState state;
    private Display display;
    private Size size;
    private TaskWatch watch;
    private long seenChange = Long.MIN_VALUE;
    private long lastRead;
    private long lastCheck;
    private boolean taskChanged;
    private volatile List<AttributedString> frame = List.of();
    private TuiState drawn;
    private boolean quit;

    static {
        // No alternate character set: tmux and some emulators show it as "qqqq" and "x". The view uses
        // only characters JLine passes through as UTF-8 (see View#rule).
        if (System.getProperty("org.jline.utils.disableAlternateCharset") == null) {
            System.setProperty("org.jline.utils.disableAlternateCharset", "true");
        }
    }

    public TuiApp(Terminal terminal, TaskService service, Caller caller, TuiOptions options) {
        this.terminal = terminal;
        this.service = service;
        this.caller = caller;
        this.options = options;
        this.reads = new Reads(service, caller, options.clock());
        this.actions = new TaskActions(service, caller);
        this.state = TuiState.initial(options.color(), options.where());
    }

    /** Runs until {@code q}, Ctrl-C or the end of input; returns the exit code. */
    public int run() {
        try (TerminalMode mode = TerminalMode.enter(
                terminal,
                () -> inputs.add(new Input.Pressed(Key.of(Key.Kind.INTERRUPT))),
                () -> inputs.add(new Input.Resized()))) {
            display = new Display(terminal, true);
            resize();
            reloadAll();
            draw();
            Keyboard.start(terminal, inputs);
            while (!quit) {
                Input input = inputs.poll(TICK_MILLIS, TimeUnit.MILLISECONDS);
                if (input != null) {
                    handle(input);
                    // Take whatever else arrived (a burst of keys or events) before drawing once.
                    for (Input more = inputs.poll(); more != null && !quit; more = inputs.poll()) {
                        handle(more);
                    }
                }
                if (taskChanged && !quit) {
                    taskChanged = false;
                    reloadTask();
                }
                if (!quit && System.nanoTime() - lastCheck >= TimeUnit.MILLISECONDS.toNanos(TICK_MILLIS)) {
                    lastCheck = System.nanoTime();
                    refreshIfChanged();
                }
                draw();
            }
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        } finally {
            stopWatch();
        }
    }

    /** The lines last drawn: what the screen shows (tests read it). */
    public List<AttributedString> frame() {
        return frame;
    }

    private void handle(Input input) {
        // Plain instanceof: switch patterns are not in Java 17.
        if (input instanceof Input.Pressed pressed) {
            apply(Keys.handle(state, pressed.key()));
        } else if (input instanceof Input.Resized) {
            resize();
        } else if (input instanceof Input.Closed) {
            quit = true;
        } else if (input instanceof Input.Streamed streamed
                && state.task() != null
                && state.task().taskId().equals(streamed.taskId())) {
            // The stream also carries the descendants' events: they change the tree, not this timeline.
            if (streamed.event().task() != null
                    && streamed.taskId().equals(streamed.event().task().id())) {
                state = state.withTask(state.task().withEvents(List.of(streamed.event())));
            }
            // Runs and tree are read again once the burst of events is in.
            taskChanged = true;
        }
    }

    private void apply(Transition transition) {
        state = transition.state();
        for (Effect effect : transition.effects()) {
            if (effect instanceof Effect.Quit) {
                quit = true;
            } else if (effect instanceof Effect.Reload) {
                reloadAll();
            } else if (effect instanceof Effect.Open open) {
                reloadTask();
                startWatch(open.taskId());
            } else if (effect instanceof Effect.Close) {
                stopWatch();
            } else if (effect instanceof Effect.Act act) {
                act(act);
            }
        }
    }

    private void act(Effect.Act act) {
        try {
            actions.perform(act.action(), act.taskId());
            state = state.withStatus(act.label() + " " + act.action().done());
        } catch (RuntimeException e) {
            state = state.withStatus("could not " + act.action().verb() + " " + act.label() + ": " + message(e));
        }
        reloadAll();
    }

    /** Embedded: re-read when the newest event moved. Remote: re-read now and then; draw() skips equal screens. */
    private void refreshIfChanged() {
        if (options.changes() != null) {
            long change;
            try {
                change = options.changes().getAsLong();
            } catch (RuntimeException e) {
                return;
            }
            if (change != seenChange) {
                reloadAll();
            }
        } else if (System.nanoTime() - lastRead >= options.refreshEvery().toNanos()) {
            reloadAll();
        }
    }

    private void reloadAll() {
        lastRead = System.nanoTime();
        try {
            if (options.changes() != null) {
                // Read the counter first: a change during the reads below is then seen again next tick.
                seenChange = options.changes().getAsLong();
            }
            state = state.withData(reads.snapshot());
        } catch (RuntimeException e) {
            state = state.withData(state.data().asStale()).withStatus("could not refresh: " + message(e));
        }
        reloadTask();
    }

    private void reloadTask() {
        if (state.task() == null) {
            return;
        }
        try {
            state = state.withTask(reads.task(state.task()));
        } catch (RuntimeException e) {
            state = state.withStatus("could not read " + state.task().label() + ": " + message(e));
        }
    }

    /**
     * A failed call becomes a status line, not the end of the UI: the service's own errors say what went
     * wrong; anything else is named by its type.
     */
    private static String message(RuntimeException e) {
        if (e instanceof AghException
                || e.getMessage() != null && !e.getMessage().isBlank()) {
            return e.getMessage();
        }
        return e.getClass().getSimpleName();
    }

    private void startWatch(String taskId) {
        stopWatch();
        if (state.task() == null) {
            return;
        }
        try {
            watch = service.watch(
                    caller,
                    taskId,
                    state.task().lastSequence(),
                    event -> inputs.add(new Input.Streamed(taskId, event.timeline())));
        } catch (RuntimeException e) {
            state = state.withStatus("not following " + taskId + ": " + message(e));
        }
    }

    private void stopWatch() {
        if (watch != null) {
            watch.close();
            watch = null;
        }
    }

    private void resize() {
        Size now = terminal.getSize();
        if (now == null || now.getColumns() <= 0 || now.getRows() <= 0) {
            now = new Size(80, 24);
        }
        size = new Size(now.getColumns(), now.getRows());
        display.clear();
        display.resize(size.getRows(), size.getColumns());
        drawn = null;
    }

    private void draw() {
        if (state.equals(drawn)) {
            return;
        }
        List<AttributedString> lines = View.render(state, size);
        display.update(lines, size.cursorPos(size.getRows() - 1, 0));
        terminal.flush();
        frame = lines;
        drawn = state;
    }
}
