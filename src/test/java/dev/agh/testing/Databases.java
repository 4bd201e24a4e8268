package dev.agh.testing;

import dev.agh.app.AppConfig;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;

/**
 * JDBC URLs of empty test databases: an H2 file in a fresh directory, or a fresh schema on the
 * PostgreSQL server named by {@code AGH_TEST_POSTGRES_URL}.
 */
public final class Databases {
    /** The environment variable naming the PostgreSQL test server. */
    public static final String POSTGRES_ENV = "AGH_TEST_POSTGRES_URL";

    private static final Pattern SCHEMA_PARAM = Pattern.compile("[?&]currentSchema=(agh_test_[0-9a-f]{16})(?:&|$)");

    private Databases() {}

    /**
     * The H2 file database of a data directory {@code dir} (use a fresh temporary directory per test), with the
     * settings production uses: the URL comes from the same builder as {@code agh serve}'s.
     */
    public static String h2Url(Path dir) {
        return new AppConfig(dir, null, null, null, null, "tester").ownerDbUrl();
    }

    /**
     * Creates an empty schema {@code agh_test_<random>} on the server of {@code AGH_TEST_POSTGRES_URL} and returns
     * that URL with {@code currentSchema} pointing at it. Without the variable the calling test is skipped, unless
     * {@code CI=true}: PostgreSQL tests must run in CI, so there the absence is an error.
     */
    public static String postgresUrl() {
        String base = postgresBaseUrl();
        String schema = "agh_test_" + HexFormat.of().formatHex(randomBytes());
        execute(base, "CREATE SCHEMA " + schema);
        return base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    /** Work on the URL of a database. */
    @FunctionalInterface
    public interface UrlWork {
        void run(String url) throws Exception;
    }

    /** Runs {@code work} on a fresh PostgreSQL schema ({@link #postgresUrl()}) and drops it afterwards. */
    public static void inFreshSchema(UrlWork work) throws Exception {
        String url = postgresUrl();
        try {
            work.run(url);
        } finally {
            dropSchema(url);
        }
    }

    /** Drops the schema that {@link #postgresUrl()} created for {@code url}, with everything in it. */
    public static void dropSchema(String url) {
        if (url == null) {
            return;
        }
        Matcher matcher = SCHEMA_PARAM.matcher(url);
        if (!matcher.find()) {
            throw new IllegalArgumentException("not a URL made by Databases.postgresUrl(): " + url);
        }
        String head = url.substring(0, matcher.start());
        String tail = url.substring(matcher.end());
        String base = tail.isEmpty() ? head : head + url.charAt(matcher.start()) + tail;
        execute(base, "DROP SCHEMA IF EXISTS " + matcher.group(1) + " CASCADE");
    }

    private static String postgresBaseUrl() {
        String url = System.getenv(POSTGRES_ENV);
        if (url == null || url.isBlank()) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException(
                        POSTGRES_ENV + " is not set but CI=true: the PostgreSQL tests must run in CI "
                                + "(set it to e.g. jdbc:postgresql://127.0.0.1:5432/test?user=postgres)");
            }
            Assumptions.assumeTrue(false, POSTGRES_ENV + " is not set; skipping PostgreSQL tests");
        }
        if (!url.startsWith("jdbc:postgresql:")) {
            throw new IllegalStateException(POSTGRES_ENV + " must be a jdbc:postgresql: URL, got " + url);
        }
        return url.trim();
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[8];
        ThreadLocalRandom.current().nextBytes(bytes);
        return bytes;
    }

    private static void execute(String url, String sql) {
        try (Connection connection = DriverManager.getConnection(url);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "cannot run \"" + sql + "\" on " + url.replaceAll("(?i)(password=)[^&]*", "$1***") + ": "
                            + e.getMessage(),
                    e);
        }
    }
}
