package dev.agh.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The triage rules: what each action stores, and what a reader sees once the task moved on. */
class TriageTest {
    private static final Actor ALICE = Actor.human("alice");
    private static final Instant T0 = Instant.parse("2026-03-01T09:00:00Z");
    private static final Instant T1 = T0.plusSeconds(60);
    private static final Instant T2 = T0.plusSeconds(120);

    private static Triage untouched() {
        return Triage.untouched("task-1", ALICE);
    }

    @Test
    void untouchedIsUnreadAndStaysUnreadWithActivity() {
        Triage none = untouched().effective(T0);
        assertThat(none.read()).isFalse();
        assertThat(none.dismissed()).isFalse();
        assertThat(none.archived()).isFalse();
    }

    @Test
    void readHoldsUntilNewerActivity() {
        Triage read = untouched().apply(Triage.Action.READ, T0, T1);
        assertThat(read.read()).isTrue();
        assertThat(read.lastSeenActivityAt()).isEqualTo(T0);
        assertThat(read.updatedAt()).isEqualTo(T1);
        assertThat(read.effective(T0).read()).as("no activity since").isTrue();
        assertThat(read.effective(T2).read()).as("activity after what was seen").isFalse();
    }

    @Test
    void dismissHidesUntilNewerActivityThenTheTaskIsUnreadAgain() {
        Triage dismissed = untouched().apply(Triage.Action.DISMISS, T0, T1);
        assertThat(dismissed.effective(T0).dismissed()).isTrue();
        Triage later = dismissed.effective(T2);
        assertThat(later.dismissed()).isFalse();
        assertThat(later.read()).isFalse();
        assertThat(dismissed.apply(Triage.Action.READ, T0, T2).dismissed())
                .as("read clears dismissed")
                .isFalse();
    }

    @Test
    void archiveIsForGoodAndKeepsTheTaskRead() {
        Triage archived = untouched().apply(Triage.Action.DISMISS, T0, T1).apply(Triage.Action.ARCHIVE, T0, T1);
        assertThat(archived.archived()).isTrue();
        assertThat(archived.dismissed()).isFalse();
        Triage later = archived.effective(T2);
        assertThat(later.archived()).isTrue();
        assertThat(later.read()).isTrue();
        assertThat(archived.apply(Triage.Action.READ, T2, T2).archived()).isTrue();
        assertThat(archived.apply(Triage.Action.DISMISS, T2, T2).archived()).isTrue();
    }
}
