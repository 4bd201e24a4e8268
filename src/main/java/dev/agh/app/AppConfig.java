package dev.agh.app;

import java.nio.file.Path;

/**
 * Where agh keeps its data and whom it talks to, resolved once from options and environment.
 *
 * @param home the data directory ($AGH_HOME, default $XDG_DATA_HOME/agh)
 * @param dbUrl an explicit JDBC URL, or null for the embedded H2 file in {@code home}
 * @param serverUrl an explicit server to talk to, or null to decide automatically
 * @param token an explicit bearer token, or null to use the operator token in {@code home}
 * @param sessionId the agent session to act as, or null to act as the local user
 * @param user the local user's name, the actor of embedded writes
 * @param embedded {@code --embedded} / {@code AGH_EMBEDDED=1}: run in this process with the store to itself, never
 *     through a server; refused (exit 7) while a server or another process has the store open
 */
public record AppConfig(
        Path home, String dbUrl, String serverUrl, String token, String sessionId, String user, boolean embedded) {

    public AppConfig(Path home, String dbUrl, String serverUrl, String token, String sessionId, String user) {
        this(home, dbUrl, serverUrl, token, sessionId, user, false);
    }

    /**
     * The JDBC URL of the store: the explicit one, or the embedded H2 file, owned by one process alone (its
     * {@code agh serve}, or one {@code --embedded} command). No AUTO_SERVER: every other agh command on this data
     * directory goes to the server over HTTP (it finds it in {@code server.url}), so nothing else needs the file
     * while the server runs, and a second opener is refused by H2's file lock.
     * WRITE_DELAY=0: a commit is on disk before it is acknowledged (kill -9 loses nothing).
     * QUERY_CACHE_SIZE: a claim runs ~25 distinct statements; the default cache of 8 re-parses them all.
     * CACHE_SIZE: see pageCacheKib.
     * DB_CLOSE_ON_EXIT=FALSE: H2's own shutdown hook would close the database under agh's writer on SIGTERM,
     * cutting a write in progress and logging "Database is already closed"; the server's hook closes the store
     * itself, after the HTTP server stopped taking requests. An explicit {@code --db} is used as given.
     */
    public String ownerDbUrl() {
        if (dbUrl != null) {
            return dbUrl;
        }
        return "jdbc:h2:file:" + home.resolve("agh").toAbsolutePath()
                + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0;LOCK_TIMEOUT=10000;QUERY_CACHE_SIZE=256;CACHE_SIZE="
                + pageCacheKib()
                + retentionSetting();
    }

    /**
     * {@code AGH_H2_RETENTION_MS}: H2's chunk retention time, for measurements only (BENCHMARKS.md, "Soak"); H2's own
     * 45 s otherwise. A 5 s retention kept the file five times smaller, but a server killed with SIGKILL then lost
     * acknowledged writes: H2 recovers by following its chunks from the last file header it wrote, and reusing a
     * chunk's space that soon broke that chain (docs/DECISIONS.md).
     */
    static String retentionSetting() {
        String ms = System.getenv("AGH_H2_RETENTION_MS");
        return ms != null && ms.matches("\\d{1,7}") ? ";RETENTION_TIME=" + ms : "";
    }

    /**
     * H2's page cache, in KiB: a quarter of the heap, between 64 MiB (H2's default) and 512 MiB. With the
     * default, a store of 100,000 tasks and 300,000 runs no longer fits and the dashboard and inbox read
     * pages from the file again on every call: 512 MiB halved their median time (BENCHMARKS.md). The cache
     * fills only as pages are read, so a short command pays nothing for it.
     */
    static long pageCacheKib() {
        long quarterOfHeapKib = Runtime.getRuntime().maxMemory() / 4 / 1024;
        return Math.max(64 * 1024, Math.min(512 * 1024, quarterOfHeapKib));
    }

    /** Resolves the home directory from the given value or the environment. */
    public static Path defaultHome(String explicit) {
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit);
        }
        String env = System.getenv("AGH_HOME");
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        String xdg = System.getenv("XDG_DATA_HOME");
        Path base = xdg != null && !xdg.isBlank()
                ? Path.of(xdg)
                : Path.of(System.getProperty("user.home"), ".local", "share");
        return base.resolve("agh");
    }
}
