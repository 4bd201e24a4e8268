package dev.agh.observe;

import dev.agh.testing.Databases;
import org.junit.jupiter.api.Tag;

/** The inbox on PostgreSQL (skipped unless AGH_TEST_POSTGRES_URL is set). */
@Tag("postgres")
class InboxPostgresTest extends InboxContract {
    @Override
    String openUrl() {
        return Databases.postgresUrl();
    }

    @Override
    void dropUrl(String url) {
        Databases.dropSchema(url);
    }
}
