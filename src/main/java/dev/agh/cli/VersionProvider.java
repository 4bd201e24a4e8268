package dev.agh.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/**
 * {@code agh --version}: the version and build metadata the build wrote to {@code dev/agh/cli/build.properties}
 * (version, git commit, whether the tree had uncommitted changes, build time), and the Java runtime.
 */
public final class VersionProvider implements IVersionProvider {
    /** The build metadata; empty when the classes were not built by Maven (an IDE). */
    public static Properties buildInfo() {
        Properties info = new Properties();
        try (InputStream in = VersionProvider.class.getResourceAsStream("build.properties")) {
            if (in != null) {
                info.load(in);
            }
        } catch (IOException e) {
            // No metadata: --version says "development build".
        }
        return info;
    }

    /**
     * picocli asks for the version each time it adds a subcommand under the root (to copy inherited
     * attributes), so the lines are worked out once.
     */
    private static volatile String[] lines;

    @Override
    public String[] getVersion() {
        String[] cached = lines;
        if (cached == null) {
            cached = compute();
            lines = cached;
        }
        return cached.clone();
    }

    private static String[] compute() {
        Properties info = buildInfo();
        String version = info.getProperty("version", "").trim();
        String commit = info.getProperty("commit", "").trim();
        String built = info.getProperty("built", "").trim();
        boolean modified =
                Boolean.parseBoolean(info.getProperty("modified", "false").trim());
        String build =
                "commit " + (commit.isEmpty() ? "unknown" : commit + (modified ? " (with uncommitted changes)" : ""))
                        + ", built " + (built.isEmpty() ? "unknown" : built);
        return new String[] {
            "agh " + (version.isEmpty() ? "development build" : version),
            build,
            "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + "), "
                    + System.getProperty("java.vm.name") + ", " + System.getProperty("os.name") + " "
                    + System.getProperty("os.arch")
        };
    }
}
