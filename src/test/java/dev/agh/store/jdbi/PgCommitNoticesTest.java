package dev.agh.store.jdbi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.agh.api.Requests.CreateTask;
import dev.agh.domain.OriginKind;
import dev.agh.service.Caller;
import dev.agh.service.LocalTaskService;
import dev.agh.testing.Databases;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Commit notices reach the stores of the same schema and no other, whatever the schema is called. */
class PgCommitNoticesTest {
    private static final Caller OPERATOR = Caller.human("op", OriginKind.CLI);

    @Test
    void aPlainSchemaNamesTheChannelAndAnyOtherIsHashedToAValidOne() {
        assertThat(PgCommitNotices.channelFor("public")).isEqualTo("agh_events_public");
        assertThat(PgCommitNotices.channelFor("agh_test_0123456789abcdef"))
                .isEqualTo("agh_events_agh_test_0123456789abcdef");
        for (String odd : new String[] {"Prod \"EU\"", "x".repeat(63), "ü", "", null}) {
            String channel = PgCommitNotices.channelFor(odd);
            assertThat(channel).as("channel of %s", odd).matches("agh_events_h[0-9a-f]{24}");
            assertThat(channel.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(63);
        }
        assertThat(PgCommitNotices.channelFor("Prod"))
                .isNotEqualTo(PgCommitNotices.channelFor("prod2"))
                .isNotEqualTo(PgCommitNotices.channelFor("prod"));
    }

    @Test
    @Tag("postgres")
    @Timeout(60)
    void commitsWakeStoresOfTheirSchemaOnly() throws Exception {
        String here = Databases.postgresUrl();
        String elsewhere = Databases.postgresUrl();
        try (JdbiTaskStore listening = JdbiTaskStore.open(here, 2);
                LocalTaskService sameSchema = new LocalTaskService(JdbiTaskStore.open(here, 2), Clock.systemUTC());
                LocalTaskService otherSchema =
                        new LocalTaskService(JdbiTaskStore.open(elsewhere, 2), Clock.systemUTC())) {
            List<Long> told = new CopyOnWriteArrayList<>();
            listening.onCommittedEvents(sequence -> {
                if (sequence > 0) { // 0: "look for yourselves", sent once when listening starts
                    told.add(sequence);
                }
            });
            await().atMost(Duration.ofSeconds(10)).until(listening::toldOfOtherCommits);

            for (int i = 0; i < 5; i++) {
                create(otherSchema, "elsewhere " + i);
            }
            Thread.sleep(500);
            assertThat(told).as("notices of another schema's commits").isEmpty();

            long sequence = create(sameSchema, "here");
            await().atMost(Duration.ofSeconds(5)).until(() -> told.contains(sequence));
            assertThat(told).as("notices of the same schema's commits").containsExactly(sequence);
        } finally {
            Databases.dropSchema(here);
            Databases.dropSchema(elsewhere);
        }
    }

    private static long create(LocalTaskService service, String title) {
        return service.createTask(OPERATOR, CreateTask.titled(title)).task().latestEventSeq();
    }
}
