package dev.agh.domain;

import java.util.Locale;

/** An enum whose wire name is its constant name in lower case (for example {@code IN_PROGRESS} is {@code in_progress}). */
public interface WireEnum {
    String name();

    default String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a wire name (trimmed, case-insensitive); unknown or blank values are a validation error naming the field. */
    static <E extends Enum<E> & WireEnum> E parse(Class<E> type, String field, String value) {
        if (value == null || value.isBlank()) {
            throw AghException.invalid(field + " is required");
        }
        String wanted = value.trim().toLowerCase(Locale.ROOT);
        for (E constant : type.getEnumConstants()) {
            if (constant.wire().equals(wanted)) {
                return constant;
            }
        }
        throw AghException.invalid(field + " must be one of " + allowed(type) + ", got \"" + value + "\"");
    }

    /** Like {@link #parse} but returns {@code fallback} for a null or blank value. */
    static <E extends Enum<E> & WireEnum> E parseOr(Class<E> type, String field, String value, E fallback) {
        return value == null || value.isBlank() ? fallback : parse(type, field, value);
    }

    static <E extends Enum<E> & WireEnum> String allowed(Class<E> type) {
        StringBuilder out = new StringBuilder();
        for (E constant : type.getEnumConstants()) {
            out.append(out.length() == 0 ? "" : "|").append(constant.wire());
        }
        return out.toString();
    }
}
