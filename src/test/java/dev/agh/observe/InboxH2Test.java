package dev.agh.observe;

import dev.agh.testing.Databases;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The inbox on H2. */
class InboxH2Test extends InboxContract {
    @TempDir
    Path dataDir;

    @Override
    String openUrl() {
        return Databases.h2Url(dataDir);
    }
}
