package dev.agh.app.bench;

import dev.agh.api.Requests.ClaimNext;
import dev.agh.api.Requests.CompleteRun;
import dev.agh.api.Requests.CreateTask;
import dev.agh.api.Requests.NewSession;
import dev.agh.api.Responses.ClaimResponse;
import dev.agh.api.Responses.SessionResponse;
import dev.agh.service.Caller;
import dev.agh.service.TaskService;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * {@code agh bench cycle}: N agents race through a queue of runs, then one agent waits with {@code wait: true}
 * while runs are enqueued one at a time, to time the wake-up. Each agent claims once and then completes with
 * {@code next}, which claims its next run in the same call (as {@code agh worker} does); {@code unbundled}: a
 * claim-next and a completion per run, two calls and two commits.
 */
public final class CycleBenchmark {
    private static final int WAKE_SAMPLES = 200;
    /** The next run, with the session's own criteria and the default lease. */
    private static final ClaimNext NEXT = new ClaimNext(null, null, null, null, null, null, null);

    private CycleBenchmark() {}

    /**
     * Runs the benchmark; {@code rate} paces the agents to that many cycles per second together (0: as
     * fast as they can), to see how the store behaves under a steady load rather than the largest one.
     */
    public static Map<String, Object> run(
            BenchTarget target, int agents, int tasks, double rate, boolean unbundled, Consumer<String> progress)
            throws InterruptedException {
        TaskService operator = target.operator();
        Caller op = target.operatorCaller();
        long seedStart = System.nanoTime();
        seed(operator, op, tasks, agents, progress);
        double seedSeconds = (System.nanoTime() - seedStart) / 1e9;
        OptionalLong seededBytes = target.storeFileBytes();

        List<SessionResponse> sessions = new ArrayList<>();
        for (int i = 0; i < agents; i++) {
            sessions.add(operator.createSession(op, new NewSession("bench-agent", null, "agent " + i, null, null)));
        }
        long[][] claimNanos = new long[agents][];
        long[][] completeNanos = new long[agents][];
        AtomicInteger done = new AtomicInteger();
        CountDownLatch finished = new CountDownLatch(agents);
        List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        CpuTime cpu = CpuTime.start();
        Optional<long[]> batchesBefore = target.writeBatchCounts();
        long start = System.nanoTime();
        for (int a = 0; a < agents; a++) {
            int index = a;
            Thread worker = new Thread(
                    () -> {
                        List<Long> claims = new ArrayList<>();
                        List<Long> completes = new ArrayList<>();
                        try {
                            SessionResponse s = sessions.get(index);
                            TaskService service = target.agent(s.token());
                            Caller me = target.agentCaller(s.session().sessionId());
                            Optional<ClaimResponse> claimed = Optional.empty();
                            for (long cycle = 0; ; cycle++) {
                                if (rate > 0) {
                                    // This agent's cycles are every agents/rate seconds, offset so the agents take
                                    // turns.
                                    long due = start + (long) ((cycle * agents + index) * 1e9 / rate);
                                    long wait = due - System.nanoTime();
                                    if (wait > 0) {
                                        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                                    }
                                }
                                long t0 = System.nanoTime();
                                Optional<ClaimResponse> claim =
                                        claimed.isPresent() ? claimed : service.claimNext(me, null);
                                long t1 = System.nanoTime();
                                if (claim.isEmpty()) {
                                    break;
                                }
                                if (claimed.isEmpty()) {
                                    claims.add(t1 - t0);
                                }
                                var answer = service.completeLease(
                                        me,
                                        claim.get().claim().run().id(),
                                        new CompleteRun(null, unbundled ? null : NEXT));
                                claimed = Optional.ofNullable(answer.next()).map(ClaimResponse::new);
                                completes.add(System.nanoTime() - t1);
                                done.incrementAndGet();
                            }
                        } catch (Throwable t) {
                            failures.add(t);
                        } finally {
                            claimNanos[index] =
                                    claims.stream().mapToLong(Long::longValue).toArray();
                            completeNanos[index] = completes.stream()
                                    .mapToLong(Long::longValue)
                                    .toArray();
                            finished.countDown();
                        }
                    },
                    "bench-agent-" + a);
            worker.start();
        }
        while (!finished.await(1, java.util.concurrent.TimeUnit.SECONDS)) {
            progress.accept("completed " + done.get() + "/" + tasks + " cycles");
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        Map<String, Object> cpuPerCycle = cpu.perUnit(done.get());
        Optional<long[]> batchesAfter = target.writeBatchCounts();
        OptionalLong cycledBytes = target.storeFileBytes();
        if (!failures.isEmpty()) {
            throw new IllegalStateException("an agent failed: " + failures.get(0), failures.get(0));
        }
        progress.accept("measuring wake-up latency (" + WAKE_SAMPLES + " samples)");
        long[] wake = wakeLatencies(target, operator, op, sessions.get(0));

        Map<String, Object> out = new LinkedHashMap<>();
        out.put("target", target.describe());
        out.put("calls", unbundled ? "claim-next, complete" : "complete with next");
        out.put("agents", agents);
        out.put("tasks", tasks);
        if (rate > 0) {
            out.put("rate", rate);
        }
        out.put("seed_seconds", round(seedSeconds));
        out.put("cycles", done.get());
        out.put("elapsed_seconds", round(elapsed));
        out.put("cycles_per_second", round(done.get() / elapsed));
        // CPU per cycle barely moves with other load on the machine, unlike cycles per second.
        out.put("cpu_us_per_cycle", cpuPerCycle);
        // Embedded: how many writes shared a commit in the timed phase (H2 serializes a commit's pages once).
        if (batchesBefore.isPresent() && batchesAfter.isPresent()) {
            long batches = batchesAfter.get()[0] - batchesBefore.get()[0];
            long writes = batchesAfter.get()[1] - batchesBefore.get()[1];
            out.put("writes_per_commit", batches == 0 ? 0 : round((double) writes / batches));
        }
        if (unbundled) {
            out.put("claim_latency_ms", Percentiles.of(flatten(claimNanos), "p50", "p99"));
            out.put("complete_latency_ms", Percentiles.of(flatten(completeNanos), "p50", "p99"));
        } else {
            // The claims are inside the completions, but each agent's first.
            out.put("complete_with_next_latency_ms", Percentiles.of(flatten(completeNanos), "p50", "p99"));
        }
        out.put("wake_latency_ms", Percentiles.of(wake, "p50", "p99"));
        // The embedded file's size after the seed and after the cycles: H2 writes each commit as a new chunk.
        if (seededBytes.isPresent() && cycledBytes.isPresent()) {
            Map<String, Object> fileMb = new LinkedHashMap<>();
            fileMb.put("seeded", round(seededBytes.getAsLong() / 1e6));
            fileMb.put("cycled", round(cycledBytes.getAsLong() / 1e6));
            out.put("store_file_mb", fileMb);
        }
        return out;
    }

    /**
     * Creates and starts {@code tasks} tasks from {@code threads} threads at once: the queue is ready
     * sooner, and the timed phase is the same as after a one-by-one seed.
     */
    private static void seed(TaskService operator, Caller op, int tasks, int threads, Consumer<String> progress)
            throws InterruptedException {
        AtomicInteger next = new AtomicInteger();
        List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        List<Thread> seeders = new ArrayList<>();
        for (int t = 0; t < Math.max(1, threads); t++) {
            Thread seeder = new Thread(
                    () -> {
                        try {
                            for (int i = next.getAndIncrement(); i < tasks; i = next.getAndIncrement()) {
                                String id = operator.createTask(op, task("bench task " + i))
                                        .task()
                                        .id();
                                operator.startTask(op, id, null);
                                if ((i + 1) % 2000 == 0) {
                                    progress.accept("seeded " + (i + 1) + "/" + tasks + " queued runs");
                                }
                            }
                        } catch (Throwable e) {
                            failures.add(e);
                        }
                    },
                    "bench-seed-" + t);
            seeder.start();
            seeders.add(seeder);
        }
        for (Thread seeder : seeders) {
            seeder.join();
        }
        if (!failures.isEmpty()) {
            throw new IllegalStateException("seeding failed: " + failures.get(0), failures.get(0));
        }
    }

    /** Time from just before an enqueue call until a claimer already waiting holds the run. */
    private static long[] wakeLatencies(BenchTarget target, TaskService operator, Caller op, SessionResponse session)
            throws InterruptedException {
        TaskService agent = target.agent(session.token());
        Caller me = target.agentCaller(session.session().sessionId());
        long[] samples = new long[WAKE_SAMPLES];
        for (int i = 0; i < WAKE_SAMPLES; i++) {
            String id = operator.createTask(op, task("wake " + i)).task().id();
            long[] claimedAt = new long[1];
            CountDownLatch waiting = new CountDownLatch(1);
            Thread claimer = new Thread(() -> {
                waiting.countDown();
                Optional<ClaimResponse> claim =
                        agent.claimNext(me, new ClaimNext(null, null, null, null, Boolean.TRUE, null, 30));
                claimedAt[0] = System.nanoTime();
                claim.ifPresent(c -> agent.completeLease(me, c.claim().run().id(), new CompleteRun(null)));
            });
            claimer.start();
            waiting.await();
            Thread.sleep(15); // let the claimer reach its wait: the sample is a wake-up, not a lucky first look
            long enqueuedAt = System.nanoTime();
            operator.startTask(op, id, null);
            claimer.join();
            samples[i] = claimedAt[0] - enqueuedAt;
        }
        return samples;
    }

    private static CreateTask task(String title) {
        return CreateTask.titled(title);
    }

    private static long[] flatten(long[][] parts) {
        return java.util.Arrays.stream(parts)
                .flatMapToLong(java.util.Arrays::stream)
                .toArray();
    }

    private static double round(double value) {
        return Math.round(value * 100.0) / 100.0;
    }
}
