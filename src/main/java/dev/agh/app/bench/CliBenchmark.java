package dev.agh.app.bench;

import dev.agh.api.Requests.CreateTask;
import dev.agh.api.Requests.ExecuteTask;
import dev.agh.api.Requests.NewSession;
import dev.agh.client.HttpTaskService;
import dev.agh.domain.OriginKind;
import dev.agh.service.Caller;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * {@code agh bench cli}: what a user waits for, one command at a time. Runs the launcher as separate
 * processes on a fresh data directory: the first command (the server's start included) on new directories,
 * then everyday commands against the running server on a store of {@code tasks} tasks, in rounds that
 * alternate them with {@code agh --version} (the JVM's floor) and curl (the server's own time), after
 * {@code warmup} rounds that are not counted (the server's JIT warms up as a long-running one has); then
 * {@code loops} parallel shell loops of {@code task create}, every command's exit code counted.
 */
public final class CliBenchmark {
    private static final Caller OPERATOR = Caller.human("bench", OriginKind.HTTP);

    private final Path launcher;
    private final Consumer<String> progress;

    private CliBenchmark(Path launcher, Consumer<String> progress) {
        this.launcher = launcher;
        this.progress = progress;
    }

    /** The parameters of one run. */
    public record Plan(int warmup, int rounds, int tasks, int firstCommands, int loops, int perLoop) {}

    public static Map<String, Object> run(Path launcher, Plan plan, Consumer<String> progress)
            throws IOException, InterruptedException {
        return new CliBenchmark(launcher, progress).run(plan);
    }

    private Map<String, Object> run(Plan plan) throws IOException, InterruptedException {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("load_average_before", loadAverage());
        result.put("first_command_s", firstCommands(plan.firstCommands()));
        Path home = Files.createTempDirectory("agh-bench-cli");
        try {
            result.put("commands", everyday(home, plan));
            result.put("parallel_loops", loops(home, plan.loops(), plan.perLoop()));
        } finally {
            agh(home, "server", "stop");
            deleteTree(home);
        }
        result.put("load_average_after", loadAverage());
        return result;
    }

    /** {@code agh task create} on a data directory no server runs for yet: median and each, in seconds. */
    private Map<String, Object> firstCommands(int count) throws IOException, InterruptedException {
        long[] nanos = new long[count];
        for (int i = 0; i < count; i++) {
            Path home = Files.createTempDirectory("agh-bench-first");
            try {
                nanos[i] = time(home, "task", "create", "--title", "first");
                agh(home, "server", "stop");
            } finally {
                deleteTree(home);
            }
            progress.accept("first command on a new data directory: " + seconds(nanos[i]) + " s");
        }
        Map<String, Object> first = new LinkedHashMap<>();
        first.put("median", seconds(median(nanos)));
        first.put("runs", Arrays.stream(nanos).mapToObj(CliBenchmark::seconds).toList());
        return first;
    }

    private Map<String, Object> everyday(Path home, Plan plan) throws IOException, InterruptedException {
        agh(home, "task", "create", "--title", "start the server");
        URI server = URI.create(Files.readString(home.resolve("server.url")).trim());
        String token = Files.readString(home.resolve("operator.token")).trim();
        HttpTaskService client = new HttpTaskService(server, token);
        String shown = null;
        for (int i = 1; i < plan.tasks(); i++) {
            String id = client.createTask(OPERATOR, CreateTask.titled("Seeded task " + i))
                    .task()
                    .id();
            shown = shown == null ? id : shown;
        }
        String session = client.createSession(OPERATOR, new NewSession("bench", null, null, null, null))
                .session()
                .sessionId();
        progress.accept("store of " + plan.tasks() + " tasks at " + server);
        String curl = new File("/usr/bin/curl").canExecute() ? "/usr/bin/curl" : null;
        Map<String, List<String>> commands = new LinkedHashMap<>();
        commands.put("agh --version", List.of("--version"));
        commands.put("agh task list -o json", List.of("task", "list", "-o", "json"));
        commands.put("agh task show ID", List.of("task", "show", shown));
        commands.put("agh task create --title T", List.of("task", "create", "--title", "T"));
        commands.put("agh agent next (with work)", List.of("agent", "next", "--session", session));
        Map<String, long[]> samples = new LinkedHashMap<>();
        commands.keySet().forEach(name -> samples.put(name, new long[plan.rounds()]));
        long[] curlSamples = new long[plan.rounds()];
        for (int round = -plan.warmup(); round < plan.rounds(); round++) {
            for (var command : commands.entrySet()) {
                if (command.getKey().startsWith("agh agent next")) {
                    String work = client.createTask(OPERATOR, CreateTask.titled("Work " + round))
                            .task()
                            .id();
                    client.startTask(OPERATOR, work, new ExecuteTask(null, null, null));
                }
                long nanos = time(home, command.getValue().toArray(String[]::new));
                if (round >= 0) {
                    samples.get(command.getKey())[round] = nanos;
                }
            }
            if (curl != null && round >= 0) {
                curlSamples[round] = timeProcess(
                        List.of(
                                curl,
                                "-sf",
                                "-o",
                                "/dev/null",
                                "-H",
                                "Authorization: Bearer " + token,
                                server + "/api/tasks"),
                        home);
            }
            progress.accept(round < 0 ? "warm-up round" : "round " + (round + 1) + " of " + plan.rounds());
        }
        Map<String, Object> table = new LinkedHashMap<>();
        double floor = seconds(median(samples.get("agh --version")));
        for (var sample : samples.entrySet()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("median_s", seconds(median(sample.getValue())));
            row.put("vs_version", Math.round(seconds(median(sample.getValue())) / floor * 100) / 100.0);
            row.put(
                    "runs_s",
                    Arrays.stream(sample.getValue())
                            .mapToObj(CliBenchmark::seconds)
                            .toList());
            table.put(sample.getKey(), row);
        }
        if (curl != null) {
            table.put("curl GET /api/tasks", Map.of("median_s", seconds(median(curlSamples))));
        }
        return table;
    }

    /** {@code loops} shell loops of {@code perLoop} creates at once; every command's exit status counted. */
    private Map<String, Object> loops(Path home, int loops, int perLoop) throws IOException, InterruptedException {
        List<Process> processes = new ArrayList<>();
        List<Path> outputs = new ArrayList<>();
        long start = System.nanoTime();
        for (int l = 0; l < loops; l++) {
            Path output = home.resolve("loop-" + l + ".out");
            outputs.add(output);
            ProcessBuilder builder = new ProcessBuilder(
                            "sh",
                            "-c",
                            "i=0; while [ $i -lt " + perLoop + " ]; do i=$((i+1)); "
                                    + "\"$AGH\" task create --title \"loop " + l
                                    + " $i\" >/dev/null 2>&1; echo $?; done")
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile());
            environment(builder, home);
            builder.environment().put("AGH", launcher.toString());
            processes.add(builder.start());
        }
        for (Process process : processes) {
            process.waitFor();
        }
        long elapsed = System.nanoTime() - start;
        Map<String, Long> exits = new LinkedHashMap<>();
        for (Path output : outputs) {
            for (String line : Files.readAllLines(output, StandardCharsets.UTF_8)) {
                exits.merge("exit " + line.trim(), 1L, Long::sum);
            }
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("loops", loops);
        result.put("commands", (long) loops * perLoop);
        result.put("exit_codes", exits);
        result.put("elapsed_s", seconds(elapsed));
        result.put("commands_per_s", Math.round(loops * perLoop / (elapsed / 1e9) * 10) / 10.0);
        progress.accept("parallel loops: " + exits + " in " + seconds(elapsed) + " s");
        return result;
    }

    private long time(Path home, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(launcher.toString());
        command.addAll(List.of(args));
        return timeProcess(command, home);
    }

    private void agh(Path home, String... args) throws IOException, InterruptedException {
        time(home, args);
    }

    private long timeProcess(List<String> command, Path home) throws IOException, InterruptedException {
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        environment(builder, home);
        long start = System.nanoTime();
        Process process = builder.start();
        process.waitFor();
        return System.nanoTime() - start;
    }

    private void environment(ProcessBuilder builder, Path home) {
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(name -> name.startsWith("AGH_") && !name.equals("AGH_JAVA_OPTS"));
        env.put("AGH_HOME", home.toString());
    }

    private static long median(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n == 0 ? 0 : n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static double seconds(long nanos) {
        return Math.round(nanos / 1e6) / 1000.0;
    }

    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path :
                    paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
