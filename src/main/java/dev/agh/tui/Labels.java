package dev.agh.tui;

/** How a task is named on screen: its identifier (TASK-12) when it has one, else its id. */
final class Labels {
    private Labels() {}

    /** Wide enough for a whole id ({@code task-} and 16 hex digits, or a run's), so it can be copied off the screen. */
    static final int MAX_ID_WIDTH = 22;

    static String task(String identifier, String id) {
        return identifier != null && !identifier.isBlank() ? identifier : id;
    }

    /**
     * The width of a column of labels: the longest one and a space, at least that of its heading ({@code ID}),
     * never cut: ids are what a user copies into the next command.
     */
    static int columnWidth(java.util.stream.Stream<String> labels) {
        int longest = labels.mapToInt(label -> label == null ? 0 : label.length())
                .max()
                .orElse(0);
        return Math.min(MAX_ID_WIDTH, Math.max(3, longest + 1));
    }
}
