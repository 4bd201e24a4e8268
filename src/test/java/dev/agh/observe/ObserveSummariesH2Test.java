package dev.agh.observe;

import dev.agh.testing.Databases;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The stored observe summaries on H2. */
class ObserveSummariesH2Test extends ObserveSummariesContract {
    @TempDir
    Path dataDir;

    @Override
    String openUrl() {
        return Databases.h2Url(dataDir);
    }
}
