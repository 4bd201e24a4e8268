package dev.agh.observe;

import dev.agh.testing.Databases;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The dashboard on H2. */
class DashboardH2Test extends DashboardContract {
    @TempDir
    Path dataDir;

    @Override
    String openUrl() {
        return Databases.h2Url(dataDir);
    }

    @Override
    String currentUrl() {
        return url;
    }
}
