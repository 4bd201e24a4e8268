package dev.agh.service;

import dev.agh.api.StreamEnd;
import dev.agh.api.StreamEventPayload;
import dev.agh.api.StreamSink;
import dev.agh.api.TaskStream;
import dev.agh.domain.AghException;
import dev.agh.domain.ErrorKind;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Follows a task and its descendants until closed ({@link TaskService#watch}). When its stream is
 * dropped (a consumer too slow, a lost connection, the database briefly unreachable) it opens a new
 * one after the last event delivered, so the consumer gets every event once and in order. It ends
 * on {@link #close()}, when the consumer throws, or on a failure that retrying cannot mend (the task
 * was deleted, the token was revoked).
 */
public final class TaskWatch implements AutoCloseable {
    private static final long FIRST_RETRY_MILLIS = 100;
    private static final long MAX_RETRY_MILLIS = 2_000;

    private final TaskService service;
    private final Caller caller;
    private final String taskId;
    private final Consumer<StreamEventPayload> consumer;
    private final Object delivery = new Object();
    private final Object state = new Object();
    private volatile long lastSequence;
    private volatile boolean finished;
    // Guarded by state:
    private TaskStream stream;
    private int generation;
    private long idlePause;
    private RuntimeException failure;

    private TaskWatch(
            TaskService service,
            Caller caller,
            String taskId,
            long afterSequence,
            Consumer<StreamEventPayload> consumer) {
        this.service = service;
        this.caller = caller;
        this.taskId = taskId;
        this.consumer = consumer;
        this.lastSequence = afterSequence;
    }

    /** Opens the first stream now, so a bad request (unknown task, bad cursor) fails here. */
    static TaskWatch start(
            TaskService service,
            Caller caller,
            String taskId,
            long afterSequence,
            Consumer<StreamEventPayload> consumer) {
        TaskWatch watch = new TaskWatch(service, caller, taskId, afterSequence, consumer);
        TaskStream first = service.stream(caller, taskId, afterSequence, watch.new Sink(0, afterSequence));
        synchronized (watch.state) {
            watch.stream = first;
        }
        return watch;
    }

    /** Sequence of the last event handed to the consumer (the cursor a resume starts after). */
    public long lastSequence() {
        return lastSequence;
    }

    /** Blocks until the watch ends; rethrows the failure that ended it, if any. */
    public void await() throws InterruptedException {
        synchronized (state) {
            while (!finished) {
                state.wait();
            }
        }
        rethrow();
    }

    /** Like {@link #await()} with a limit; false if still watching when it passed. */
    public boolean await(long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        synchronized (state) {
            while (!finished) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(state, left);
            }
        }
        rethrow();
        return true;
    }

    @Override
    public void close() {
        finish(null);
    }

    private void rethrow() {
        RuntimeException cause;
        synchronized (state) {
            cause = failure;
        }
        if (cause != null) {
            throw cause;
        }
    }

    private void finish(RuntimeException cause) {
        TaskStream open;
        synchronized (state) {
            if (finished) {
                return;
            }
            finished = true;
            failure = cause;
            open = stream;
            stream = null;
            state.notifyAll();
        }
        if (open != null) {
            open.close();
        }
    }

    /**
     * Opens the next stream on a thread of its own. After a stream that delivered nothing it first
     * pauses, twice as long each time up to the backoff's limit, so a stream that keeps failing at once
     * (a garbled answer) is not reopened in a tight loop.
     */
    private void resume(int dropped, boolean delivered) {
        long pause;
        synchronized (state) {
            if (finished || dropped != generation) {
                return;
            }
            generation++;
            idlePause = delivered ? 0 : Math.min(MAX_RETRY_MILLIS, Math.max(FIRST_RETRY_MILLIS, idlePause * 2));
            pause = idlePause;
        }
        int next = dropped + 1;
        Thread resumer = new Thread(() -> reopen(next, pause), "agh-watch-resume");
        resumer.setDaemon(true);
        resumer.start();
    }

    private void reopen(int next, long pauseFirst) {
        if (pauseFirst > 0 && !pause(pauseFirst)) {
            return;
        }
        long backoff = FIRST_RETRY_MILLIS;
        while (!finished) {
            try {
                long after = lastSequence;
                TaskStream opened = service.stream(caller, taskId, after, new Sink(next, after));
                synchronized (state) {
                    if (!finished) {
                        stream = opened;
                        return;
                    }
                }
                opened.close();
                return;
            } catch (AghException e) {
                if (e.kind() != ErrorKind.UNAVAILABLE) {
                    finish(e);
                    return;
                }
            } catch (RuntimeException e) {
                finish(e);
                return;
            }
            if (!pause(backoff)) {
                return;
            }
            backoff = Math.min(MAX_RETRY_MILLIS, backoff * 2);
        }
    }

    /** Sleeps; false (and the watch finished) if interrupted. */
    private boolean pause(long millis) {
        try {
            Thread.sleep(millis);
            return true;
        } catch (InterruptedException e) {
            finish(null);
            return false;
        }
    }

    /** The sink of one stream of this watch; a later stream has a higher generation. */
    private final class Sink implements StreamSink {
        private final int generation;
        private final long openedAfter;

        Sink(int generation, long openedAfter) {
            this.generation = generation;
            this.openedAfter = openedAfter;
        }

        @Override
        public void event(StreamEventPayload event, String json) {
            synchronized (delivery) {
                if (finished) {
                    throw new IllegalStateException("the watch is closed");
                }
                if (event.sequence() <= lastSequence) {
                    return;
                }
                try {
                    consumer.accept(event);
                } catch (RuntimeException e) {
                    finish(e);
                    throw e;
                }
                lastSequence = event.sequence();
            }
        }

        @Override
        public void ended(StreamEnd end) {
            synchronized (state) {
                if (finished || generation != TaskWatch.this.generation) {
                    return; // the watch is over, or this is a stream it already replaced
                }
            }
            Exception cause = end.failure();
            boolean fatal = cause instanceof AghException failure && failure.kind() != ErrorKind.UNAVAILABLE;
            if (end.reason() == StreamEnd.Reason.CLOSED) {
                finish(null);
            } else if (fatal) {
                finish((AghException) cause);
            } else {
                resume(generation, lastSequence > openedAfter);
            }
        }
    }
}
