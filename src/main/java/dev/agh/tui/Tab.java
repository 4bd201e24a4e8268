package dev.agh.tui;

/** The three lists the header switches between. */
public enum Tab {
    DASHBOARD("Dashboard"),
    INBOX("Inbox"),
    TASKS("Tasks");

    private final String title;

    Tab(String title) {
        this.title = title;
    }

    public String title() {
        return title;
    }

    public Tab next() {
        return values()[(ordinal() + 1) % values().length];
    }

    public Tab previous() {
        return values()[(ordinal() + values().length - 1) % values().length];
    }
}
