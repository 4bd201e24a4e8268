package dev.agh.app.bench;

import dev.agh.api.Requests.CreateTask;
import dev.agh.api.Requests.UpdateTask;
import dev.agh.api.StreamEnd;
import dev.agh.api.StreamEventPayload;
import dev.agh.api.StreamSink;
import dev.agh.api.TaskStream;
import dev.agh.client.HttpTaskService;
import dev.agh.domain.OriginKind;
import dev.agh.http.HttpServer;
import dev.agh.service.Caller;
import dev.agh.service.TaskService;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * {@code agh bench stream}: N SSE subscribers follow one task while it is updated, one event at a time;
 * each sample is the time from just before the write call until one subscriber has the event. Embedded,
 * the benchmark serves a fresh store over HTTP on a loopback port itself, so the subscribers are real
 * SSE clients either way.
 */
public final class StreamBenchmark {
    private static final Caller OPERATOR = Caller.human("bench", OriginKind.HTTP);
    private static final String LOCAL_TOKEN = "bench-stream";
    private static final long PAUSE_MILLIS = 20;
    /** Events written and delivered before measuring, so the numbers are of a warmed-up JVM. */
    private static final int WARM_UP_EVENTS = 20;

    private StreamBenchmark() {}

    public static Map<String, Object> run(BenchTarget target, int subscribers, int events, Consumer<String> progress)
            throws InterruptedException {
        HttpServer server = null;
        HttpTaskService client;
        if (target.local().isEmpty()) {
            client = new HttpTaskService(target.serverUrl(), target.operatorToken());
        } else {
            server = HttpServer.start(
                    target.local().get(),
                    token -> LOCAL_TOKEN.equals(token) ? Optional.of(OPERATOR) : Optional.empty(),
                    "127.0.0.1",
                    0);
            client = new HttpTaskService(URI.create("http://127.0.0.1:" + server.port()), LOCAL_TOKEN);
        }
        try {
            return measure(
                    target.describe() + (server == null ? "" : " (served on a loopback port)"),
                    client,
                    subscribers,
                    events,
                    progress);
        } finally {
            if (server != null) {
                server.close();
            }
        }
    }

    /**
     * Writes one event and waits until every subscriber has it; returns the write's duration, then each
     * subscriber's delay from the start of the write until the event arrived (nanoseconds).
     */
    private static long[] writeAndAwait(TaskService client, String taskId, String title, List<Map<Long, Long>> arrivals)
            throws InterruptedException {
        long[] times = new long[arrivals.size() + 1];
        long start = System.nanoTime();
        long sequence = client.updateTask(
                        OPERATOR, taskId, new UpdateTask(title, null, null, null, null, null, null, null, null, null))
                .task()
                .latestEventSeq();
        times[0] = System.nanoTime() - start;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        for (int i = 0; i < arrivals.size(); i++) {
            Map<Long, Long> arrived = arrivals.get(i);
            while (!arrived.containsKey(sequence)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(
                            "event " + sequence + " did not reach every subscriber within 30 s");
                }
                Thread.sleep(1);
            }
            times[i + 1] = arrived.get(sequence) - start;
        }
        Thread.sleep(PAUSE_MILLIS);
        return times;
    }

    private static Map<String, Object> measure(
            String where, TaskService client, int subscribers, int events, Consumer<String> progress)
            throws InterruptedException {
        String taskId = client.createTask(OPERATOR, CreateTask.titled("bench stream"))
                .task()
                .id();
        long created = client.getTask(OPERATOR, taskId).task().task().latestEventSeq();
        // Each subscriber: sequence -> System.nanoTime() when it arrived.
        List<Map<Long, Long>> arrivals = new ArrayList<>();
        CountDownLatch connected = new CountDownLatch(subscribers);
        AtomicInteger dropped = new AtomicInteger();
        List<TaskStream> streams = new ArrayList<>();
        try {
            progress.accept("opening " + subscribers + " SSE subscriptions");
            for (int i = 0; i < subscribers; i++) {
                Map<Long, Long> arrived = new ConcurrentHashMap<>();
                arrivals.add(arrived);
                streams.add(client.stream(OPERATOR, taskId, created - 1, new StreamSink() {
                    @Override
                    public void event(StreamEventPayload event, String json) {
                        arrived.put(event.sequence(), System.nanoTime());
                        if (event.sequence() == created) {
                            connected.countDown();
                        }
                    }

                    @Override
                    public void ended(StreamEnd end) {
                        if (end.reason() != StreamEnd.Reason.CLOSED) {
                            dropped.incrementAndGet();
                        }
                    }
                }));
            }
            if (!connected.await(120, TimeUnit.SECONDS)) {
                throw new IllegalStateException("only " + (subscribers - connected.getCount()) + " of " + subscribers
                        + " subscribers connected");
            }
            progress.accept("warming up with " + WARM_UP_EVENTS + " events");
            for (int e = 0; e < WARM_UP_EVENTS; e++) {
                writeAndAwait(client, taskId, "warm-up " + e, arrivals);
            }
            progress.accept("writing " + events + " events, one at a time");
            long[] samples = new long[subscribers * events];
            long[] slowest = new long[events];
            long[] writes = new long[events];
            int n = 0;
            for (int e = 0; e < events; e++) {
                long[] times = writeAndAwait(client, taskId, "bench stream " + e, arrivals);
                writes[e] = times[0];
                for (int s = 1; s < times.length; s++) {
                    samples[n++] = times[s];
                    slowest[e] = Math.max(slowest[e], times[s]);
                }
            }
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("target", where);
            out.put("subscribers", subscribers);
            out.put("events", events);
            out.put("delivery_latency_ms", Percentiles.of(samples, "p50", "p90", "p99"));
            out.put("all_subscribers_latency_ms", Percentiles.of(slowest, "p50", "p99"));
            out.put("write_latency_ms", Percentiles.of(writes, "p50", "p99"));
            out.put("dropped_subscribers", dropped.get());
            return out;
        } finally {
            streams.forEach(TaskStream::close);
        }
    }
}
