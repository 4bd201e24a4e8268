package dev.agh.tui;

/** One key press, already decoded from its escape sequence; {@code ch} is set for {@link Kind#CHAR} only. */
public record Key(Kind kind, char ch) {
    /** The keys the UI tells apart. */
    public enum Kind {
        CHAR,
        UP,
        DOWN,
        HOME,
        END,
        PAGE_UP,
        PAGE_DOWN,
        ENTER,
        TAB,
        BACK_TAB,
        ESCAPE,
        BACKSPACE,
        LEFT,
        INTERRUPT
    }

    public static Key of(char ch) {
        return new Key(Kind.CHAR, ch);
    }

    public static Key of(Kind kind) {
        return new Key(kind, '\0');
    }

    public boolean is(char c) {
        return kind == Kind.CHAR && ch == c;
    }
}
