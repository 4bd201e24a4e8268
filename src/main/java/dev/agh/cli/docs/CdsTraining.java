package dev.agh.cli.docs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agh.api.Json;
import dev.agh.app.AppConfig;
import dev.agh.app.Backends;
import dev.agh.app.Server;
import dev.agh.cli.RootCommand;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/**
 * The training run of the launcher's class-data-sharing archive: the build runs this main with
 * {@code -XX:DumpLoadedClassList} and dumps the classes it loaded into {@code target/agh.jsa}. It runs the
 * everyday commands in process, on a fresh data directory given as the argument (the build passes a directory
 * under {@code target/}), so the archive holds what they load: first in process with the store (as
 * {@code --embedded} does), then through an {@code agh serve} started in this process, which is how every
 * command on an embedded store runs: the client path, and the server's own start and request path.
 */
public final class CdsTraining {
    private final Path home;
    private int failures;

    private CdsTraining(Path home) {
        this.home = home;
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: CdsTraining DATA_DIR (an empty or missing directory)");
            System.exit(2);
        }
        Path home = Path.of(args[0]).toAbsolutePath();
        Files.createDirectories(home);
        CdsTraining training = new CdsTraining(home);
        training.run();
        AppConfig config = new AppConfig(home, null, null, null, null, "trainer");
        try (Server server = Server.start(config, "127.0.0.1", 0, Server.AuthMode.TOKEN)) {
            training.run(); // the same commands find the server in server.url and go through it
        }
        System.out.println("agh cds training: done"
                + (training.failures == 0 ? "" : ", " + training.failures + " unexpected exit codes"));
    }

    private void run() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(json(
                            0,
                            "task",
                            "create",
                            "--title",
                            "Training task " + i,
                            "--priority",
                            i % 2 == 0 ? "high" : "low")
                    .path("task")
                    .path("id")
                    .asText());
        }
        String task = ids.get(0);
        agh(0, "task", "list", "-o", "json");
        agh(0, "task", "list");
        agh(0, "task", "list", "-o", "jsonl", "--status", "ready", "--limit", "3");
        agh(0, "task", "show", task, "-o", "json");
        agh(0, "task", "show", task);
        agh(0, "task", "update", ids.get(1), "--priority", "urgent", "-o", "json");
        agh(0, "task", "runs", task, "-o", "json");
        agh(0, "workspace", "list", "-o", "json");
        agh(0, "session", "list");

        // The agent loop: start a task, claim it under a session, heartbeat and complete it.
        agh(0, "task", "start", task, "-o", "json");
        String session = json(0, "session", "new", "--agent", "trainer", "--capability", "git")
                .path("session")
                .path("session_id")
                .asText();
        JsonNode claim = json(0, "agent", "next", "--session", session, "--lease", "60");
        String run = claim.path("claim").path("run").path("id").asText();
        agh(0, "agent", "heartbeat", run, "--session", session, "-o", "json");
        agh(0, "agent", "complete", run, "--session", session, "--result", "{\"ok\": true}", "-o", "json");
        agh(8, "agent", "next", "--session", session);
        agh(0, "run", "show", run, "-o", "json");

        // Help, version and the error paths.
        agh(0, "--help");
        agh(0, "task", "list", "--help");
        agh(0, "--version");
        agh(2, "task", "bogus");
        agh(3, "task", "show", "task-0000000000000000");
        agh(3, "task", "show", "task-0000000000000000", "-o", "json");
    }

    private JsonNode json(int expected, String... args) {
        String[] withJson = new String[args.length + 2];
        System.arraycopy(args, 0, withJson, 0, args.length);
        withJson[args.length] = "-o";
        withJson[args.length + 1] = "json";
        String out = agh(expected, withJson);
        try {
            return Json.mapper().readTree(out.isBlank() ? "{}" : out);
        } catch (IOException e) {
            failures++;
            return Json.mapper().createObjectNode();
        }
    }

    /** Runs one command in process (as the launcher would in its own JVM) and returns its stdout. */
    private String agh(int expected, String... args) {
        List<String> all =
                new ArrayList<>(List.of("--home", home.toString(), "--server", "", "--db", "", "--token", ""));
        all.addAll(List.of(args));
        CommandLine cli = RootCommand.commandLine(Backends::inProcess);
        StringWriter out = new StringWriter();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(Writer.nullWriter()));
        int code = cli.execute(all.toArray(String[]::new));
        if (code != expected) {
            failures++;
            System.err.println("agh cds training: exit " + code + " (expected " + expected + ") from agh "
                    + String.join(" ", args));
        }
        return out.toString();
    }
}
