package dev.agh.tui;

import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;

/**
 * Builds one screen line of an exact width in terminal columns: cells are padded or cut (with "…"),
 * and {@link #build} pads or cuts the whole line, so no line can wrap and shift the screen.
 */
public final class Line {
    private final AttributedStringBuilder builder = new AttributedStringBuilder();

    /** Text as is (cut only by {@link #build}). */
    public Line text(String text, AttributedStyle style) {
        builder.styled(style, clean(text));
        return this;
    }

    public Line text(String text) {
        return text(text, AttributedStyle.DEFAULT);
    }

    /**
     * Text padded or cut to exactly {@code width} columns, the last of which stays blank as a gap. The
     * padding keeps the style (a selected row is inverse edge to edge) but not an underline.
     */
    public Line cell(String text, int width, AttributedStyle style) {
        AttributedStyle pad = style.underlineOff();
        if (width <= 1) {
            builder.append(fit(new AttributedString(clean(text), style), width, pad));
            return this;
        }
        builder.append(fit(new AttributedString(clean(text), style), width - 1, pad));
        builder.styled(pad, " ");
        return this;
    }

    /** Text right-aligned in {@code width} columns. */
    public Line right(String text, int width, AttributedStyle style) {
        String value = clean(text);
        int length = new AttributedString(value).columnLength();
        if (length >= width) {
            return cell(value, width, style);
        }
        builder.styled(style.underlineOff(), " ".repeat(width - length));
        builder.styled(style, value);
        return this;
    }

    public Line append(AttributedString text) {
        builder.append(text);
        return this;
    }

    public int length() {
        return builder.columnLength();
    }

    /** The line padded or cut to exactly {@code width} columns. */
    public AttributedString build(int width) {
        return fit(builder.toAttributedString(), width);
    }

    /** The line padded with a style (a selected row is inverse edge to edge). */
    public AttributedString build(int width, AttributedStyle fill) {
        AttributedString line = builder.toAttributedString();
        int length = line.columnLength();
        if (length >= width) {
            return fit(line, width);
        }
        AttributedStringBuilder padded = new AttributedStringBuilder().append(line);
        padded.styled(fill, " ".repeat(width - length));
        return padded.toAttributedString();
    }

    public static AttributedString blank(int width) {
        return new AttributedString(" ".repeat(Math.max(0, width)));
    }

    /** Pads or cuts to exactly {@code width} columns; a cut ends in "…". */
    public static AttributedString fit(AttributedString text, int width) {
        return fit(text, width, AttributedStyle.DEFAULT);
    }

    /** Like {@link #fit(AttributedString, int)}, padding in {@code padStyle} (a selected row is inverse throughout). */
    public static AttributedString fit(AttributedString text, int width, AttributedStyle padStyle) {
        if (width <= 0) {
            return AttributedString.EMPTY;
        }
        int length = text.columnLength();
        if (length == width) {
            return text;
        }
        AttributedStringBuilder out = new AttributedStringBuilder();
        if (length < width) {
            out.append(text).styled(padStyle, " ".repeat(width - length));
        } else {
            AttributedString head = text.columnSubSequence(0, width - 1);
            out.append(head);
            AttributedStyle last =
                    text.length() > 0 ? text.styleAt(Math.max(0, head.length() - 1)) : AttributedStyle.DEFAULT;
            out.styled(last, "…");
            // A wide character cut in half leaves the line one column short.
            int missing = width - out.columnLength();
            if (missing > 0) {
                out.styled(padStyle, " ".repeat(missing));
            }
        }
        return out.toAttributedString();
    }

    /** Control characters (newlines in titles, escapes in errors) would break the layout: show them as spaces. */
    static String clean(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            out.append(Character.isISOControl(c) ? ' ' : c);
        }
        return out.toString();
    }
}
