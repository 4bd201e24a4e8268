package dev.agh.cli.store;

import dev.agh.api.Json;
import dev.agh.cli.OutputFormat;
import dev.agh.cli.RootCommand;
import dev.agh.cli.ServerCommands;
import dev.agh.domain.AghException;
import dev.agh.domain.ErrorCode;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code agh store restore FILE}: puts a backup in place of the embedded store. Not an API operation: a store
 * cannot be replaced under the process that owns it, so this stops the data directory's server first (the next
 * command starts one on the restored store). The store it replaces is kept beside it, never deleted.
 */
@Command(
        name = "restore",
        description = "Replace the embedded store with a backup (stops this data directory's server).",
        footer = {
            "",
            "The current store is kept as agh.mv.db.before-restore-TIME in the data directory.",
            "",
            "Example:",
            "  agh store restore ~/backups/agh-2026-12-01.zip"
        })
public final class StoreRestoreCommand implements Callable<Integer> {
    static final String STORE_FILE = "agh.mv.db";

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "A zip written by agh store backup.")
    Path file;

    @Override
    public Integer call() throws Exception {
        RootCommand root = spec.root().commandLine().getCommand();
        if (root.config().dbUrl() != null) {
            throw AghException.invalid(
                    "agh store restore restores the embedded store; restore PostgreSQL with pg_restore or psql");
        }
        Path home = root.config().home();
        try (ZipFile zip = open(file)) {
            ZipEntry entry = zip.stream()
                    .filter(e -> e.getName().endsWith(".mv.db") && !e.isDirectory())
                    .findFirst()
                    .orElseThrow(() ->
                            AghException.invalid(file + " holds no H2 store (no *.mv.db inside): not an agh backup"));
            Optional<String> stopped = ServerCommands.stopRunning(root, Duration.ofSeconds(30));
            Files.createDirectories(home);
            Path target = home.resolve(STORE_FILE);
            Path incoming = home.resolve(STORE_FILE + ".restoring");
            try (InputStream in = zip.getInputStream(entry)) {
                Files.copy(in, incoming, StandardCopyOption.REPLACE_EXISTING);
            }
            Path kept = null;
            if (Files.exists(target)) {
                kept = home.resolve(STORE_FILE + ".before-restore-"
                        + Instant.now().toString().replace(":", ""));
                Files.move(target, kept);
            }
            // A rename within one folder: the store is the old one or the restored one, never half of either.
            Files.move(incoming, target, StandardCopyOption.ATOMIC_MOVE);
            Files.deleteIfExists(home.resolve("agh.trace.db"));
            report(root, stopped, target, kept, Files.size(target));
            return 0;
        }
    }

    private void report(RootCommand root, Optional<String> stopped, Path target, Path kept, long bytes) {
        PrintWriter out = spec.commandLine().getOut();
        if (root.output() == OutputFormat.human) {
            stopped.ifPresent(out::println);
            out.println("restored " + file + " to " + target + " (" + bytes + " bytes)"
                    + (kept == null ? "" : "; the store it replaced is " + kept));
        } else {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("restored", target.toString());
            body.put("bytes", bytes);
            body.put("previous", kept == null ? null : kept.toString());
            body.put("stopped_server", stopped.isPresent());
            out.println(Json.write(Map.of("restore", body)));
        }
        out.flush();
    }

    private static ZipFile open(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new AghException(ErrorCode.VALIDATION_FAILED, "no backup file " + file);
        }
        try {
            return new ZipFile(file.toFile());
        } catch (IOException e) {
            throw AghException.invalid(file + " is not a zip written by agh store backup: " + e.getMessage());
        }
    }
}
