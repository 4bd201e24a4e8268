package dev.agh.tui;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * What a search in the TUI matches: identifier and title anywhere; a task id by its start, from any
 * length where the list shows the id (no identifier), else only from a telling length.
 */
class TaskRowTest {
    // An id whose digits begin like the identifier of another task.
    private final TaskRow row = new TaskRow("task-44a0c1d2e4b5a690", "TASK-61", "Write release notes");

    @Test
    void identifierAndTitleMatchAnywhereWhateverTheCase() {
        assertThat(row.matches("task-61")).isTrue();
        assertThat(row.matches("RELEASE")).isTrue();
        assertThat(row.matches("  notes ")).isTrue();
        assertThat(row.matches(null)).isTrue();
        assertThat(row.matches(" ")).isTrue();
        assertThat(row.matches("TASK-62")).isFalse();
    }

    @Test
    void aShortFragmentOfTheIdDoesNotMatchByChance() {
        assertThat(row.matches("TASK-44")).isFalse();
        assertThat(row.matches("task-44a0c1d")).as("seven digits").isFalse();
        assertThat(row.matches("a0c1d2e4")).as("the middle of the id").isFalse();
    }

    @Test
    void theIdMatchesInFullOrByItsFirstEightDigits() {
        assertThat(row.matches("task-44a0c1d2e4b5a690")).isTrue();
        assertThat(row.matches("TASK-44A0C1D2")).isTrue();
        assertThat(row.matches("task-44a0c1d3")).isFalse();
    }

    @Test
    void withoutAnIdentifierTheShownIdMatchesByAnyStart() {
        TaskRow unnamed = new TaskRow("task-44a0c1d2e4b5a690", null, "Write release notes");
        assertThat(unnamed.matches("task-44a0")).as("what the ID column shows").isTrue();
        assertThat(unnamed.matches("TASK-4")).isTrue();
        assertThat(unnamed.matches("task-45")).isFalse();
        assertThat(unnamed.matches("44a0")).as("the middle of the id").isFalse();
    }
}
