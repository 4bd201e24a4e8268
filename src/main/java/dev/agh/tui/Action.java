package dev.agh.tui;

/** What an operator can do to a task with one key; destructive ones ask for {@code y} first. */
public enum Action {
    APPROVE('a', "approve", "approved", false),
    REJECT('x', "reject", "rejected", true),
    START('s', "start", "started", false),
    PUBLISH('p', "publish", "published", false),
    CANCEL('c', "cancel", "canceled", true),
    MARK_READ('m', "mark read", "marked read", false),
    DISMISS('d', "dismiss", "dismissed", false),
    // Archiving is for good (the inbox never brings the task back), so it is confirmed like the others.
    ARCHIVE('A', "archive", "archived", true);

    private final char key;
    private final String verb;
    private final String done;
    private final boolean destructive;

    Action(char key, String verb, String done, boolean destructive) {
        this.key = key;
        this.verb = verb;
        this.done = done;
        this.destructive = destructive;
    }

    public char key() {
        return key;
    }

    public String verb() {
        return verb;
    }

    public String done() {
        return done;
    }

    public boolean destructive() {
        return destructive;
    }

    /** The action bound to this character, or null. */
    public static Action forKey(char c) {
        for (Action action : values()) {
            if (action.key == c) {
                return action;
            }
        }
        return null;
    }
}
