package dev.agh.tui;

import dev.agh.domain.RunStatus;
import dev.agh.domain.TaskStatus;
import org.jline.utils.AttributedStyle;

/**
 * The styles of the screen. Colours follow the web UI's status tones (blocked and failed red, in
 * progress cyan, completed green, warnings yellow); without colour (NO_COLOR) the same meanings are
 * carried by bold, underline and inverse alone.
 */
public record Palette(boolean color) {
    private static final AttributedStyle PLAIN = AttributedStyle.DEFAULT;

    public AttributedStyle plain() {
        return PLAIN;
    }

    public AttributedStyle bold() {
        return PLAIN.bold();
    }

    /** Secondary text: faint in colour, plain otherwise (faint is a colour-ish effect). */
    public AttributedStyle dim() {
        return color ? PLAIN.faint() : PLAIN;
    }

    public AttributedStyle heading() {
        return PLAIN.bold();
    }

    public AttributedStyle selected() {
        return PLAIN.inverse();
    }

    public AttributedStyle bad() {
        return color ? PLAIN.foreground(AttributedStyle.RED).bold() : PLAIN.bold();
    }

    public AttributedStyle warn() {
        return color
                ? PLAIN.foreground(AttributedStyle.YELLOW).bold()
                : PLAIN.bold().underline();
    }

    public AttributedStyle good() {
        return color ? PLAIN.foreground(AttributedStyle.GREEN) : PLAIN;
    }

    public AttributedStyle active() {
        return color ? PLAIN.foreground(AttributedStyle.CYAN) : PLAIN.underline();
    }

    public AttributedStyle of(TaskStatus status) {
        if (status == null) {
            return PLAIN;
        }
        return switch (status) {
            case BLOCKED, FAILED -> bad();
            case IN_PROGRESS -> active();
            case COMPLETED -> good();
            case DRAFT, CANCELED -> dim();
            case PENDING, READY -> PLAIN;
        };
    }

    public AttributedStyle of(RunStatus status) {
        if (status == null) {
            return PLAIN;
        }
        return switch (status) {
            case FAILED, NEEDS_ATTENTION -> bad();
            case RUNNING, STARTING, CLAIMED -> active();
            case COMPLETED -> good();
            case CANCELED -> dim();
            case QUEUED -> PLAIN;
        };
    }

    /** A health word ({@code ok}, {@code warn}, anything else). */
    public AttributedStyle health(String status) {
        return "ok".equals(status) ? good() : "warn".equals(status) ? warn() : bad();
    }
}
