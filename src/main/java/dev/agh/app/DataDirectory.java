package dev.agh.app;

import dev.agh.domain.AghException;
import dev.agh.domain.ErrorCode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/** Files of the data directory: the operator token and the address of a running server. */
public final class DataDirectory {
    static final String TOKEN_FILE = "operator.token";
    static final String SERVER_FILE = "server.url";
    static final String PID_FILE = "server.pid";
    private final Path home;

    public DataDirectory(Path home) {
        this.home = home;
    }

    public Path home() {
        return home;
    }

    /** Creates the directory, readable by its owner only. */
    public void ensureExists() {
        if (Files.exists(home) && !Files.isDirectory(home)) {
            throw new AghException(
                    ErrorCode.SERVER_UNAVAILABLE, "the data directory " + home + " is a file, not a directory");
        }
        try {
            if (!Files.isDirectory(home)) {
                Files.createDirectories(home);
                trySetPermissions(home, "rwx------");
            }
        } catch (IOException e) {
            throw new AghException(
                    ErrorCode.SERVER_UNAVAILABLE, "cannot create data directory " + home + ": " + e.getMessage(), e);
        }
    }

    /** The operator token, created (mode 0600) on first use. */
    public String operatorToken() {
        ensureExists();
        Path file = home.resolve(TOKEN_FILE);
        try {
            if (!Files.exists(file)) {
                byte[] random = new byte[32];
                new SecureRandom().nextBytes(random);
                String token =
                        "agh_op_" + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
                Path tmp = Files.createTempFile(home, "token", ".tmp");
                trySetPermissions(tmp, "rw-------");
                Files.writeString(tmp, token + "\n", StandardCharsets.UTF_8);
                try {
                    Files.move(tmp, file);
                } catch (FileAlreadyExistsException raced) {
                    Files.deleteIfExists(tmp);
                }
            }
            return Files.readString(file, StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new AghException(
                    ErrorCode.SERVER_UNAVAILABLE, "cannot read operator token in " + home + ": " + e.getMessage(), e);
        }
    }

    /** The existing operator token, or null when none was created yet. */
    public String existingOperatorToken() {
        Path file = home.resolve(TOKEN_FILE);
        try {
            return Files.exists(file)
                    ? Files.readString(file, StandardCharsets.UTF_8).trim()
                    : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** The URL a local {@code agh serve} published, or null. */
    public String publishedServer() {
        Path file = home.resolve(SERVER_FILE);
        try {
            return Files.exists(file)
                    ? Files.readString(file, StandardCharsets.UTF_8).trim()
                    : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** The process id of the server that published {@link #publishedServer()}, if it recorded one. */
    public java.util.OptionalLong publishedPid() {
        try {
            Path file = home.resolve(PID_FILE);
            return Files.exists(file)
                    ? java.util.OptionalLong.of(
                            Long.parseLong(Files.readString(file).trim()))
                    : java.util.OptionalLong.empty();
        } catch (IOException | NumberFormatException e) {
            return java.util.OptionalLong.empty();
        }
    }

    public void publishServer(String url) {
        try {
            Files.writeString(home.resolve(PID_FILE), ProcessHandle.current().pid() + "\n", StandardCharsets.UTF_8);
            Files.writeString(home.resolve(SERVER_FILE), url + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AghException(
                    ErrorCode.SERVER_UNAVAILABLE, "cannot write " + SERVER_FILE + ": " + e.getMessage(), e);
        }
    }

    public void unpublishServer(String url) {
        try {
            if (url.equals(publishedServer())) {
                Files.deleteIfExists(home.resolve(SERVER_FILE));
                Files.deleteIfExists(home.resolve(PID_FILE));
            }
        } catch (IOException ignored) {
            // Best effort at shutdown: a stale file is detected by the next CLI call (connection refused).
        }
    }

    /**
     * Makes the store's files (H2 creates them with the process umask, often 0644) readable by their owner only:
     * they hold every task, result and token hash. Called once the store is open, every time, so files of an
     * older version or copied in are fixed too. The directory itself is 0700 when agh created it; a directory the
     * user made (their home, say) keeps its mode.
     */
    public void restrictStoreFiles() {
        try (var files = Files.list(home)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                String name = file.getFileName().toString();
                if (name.startsWith("agh.") && Files.isRegularFile(file)) {
                    trySetPermissions(file, "rw-------");
                }
            }
        } catch (IOException e) {
            // A file H2 removed meanwhile (its lock file) or an unreadable listing: the store works either way.
        }
    }

    private static void trySetPermissions(Path path, String permissions) throws IOException {
        try {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
        } catch (UnsupportedOperationException notPosix) {
            // Non-POSIX file systems keep their defaults.
        }
    }
}
