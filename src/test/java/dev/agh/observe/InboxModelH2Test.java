package dev.agh.observe;

import dev.agh.testing.Databases;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The inbox against its model on H2. */
class InboxModelH2Test extends InboxModelContract {
    @TempDir
    Path dataDir;

    @Override
    String openUrl() {
        return Databases.h2Url(dataDir);
    }
}
