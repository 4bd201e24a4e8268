package dev.agh.http;

import dev.agh.domain.AghException;
import io.javalin.http.Context;

/** Typed query parameters; a value of the wrong type is a 422, never a 500. */
final class Params {
    private Params() {}

    static String text(Context ctx, String name) {
        String value = ctx.queryParam(name);
        return value == null || value.isBlank() ? null : value;
    }

    static Integer integer(Context ctx, String name) {
        String value = text(ctx, name);
        if (value == null) {
            return null;
        }
        try {
            return Integer.valueOf(value.trim());
        } catch (NumberFormatException e) {
            throw AghException.invalid(name + " must be an integer, got \"" + value + "\"");
        }
    }

    static Long longValue(Context ctx, String name) {
        String value = text(ctx, name);
        if (value == null) {
            return null;
        }
        try {
            return Long.valueOf(value.trim());
        } catch (NumberFormatException e) {
            throw AghException.invalid(name + " must be an integer, got \"" + value + "\"");
        }
    }

    static Boolean bool(Context ctx, String name) {
        String value = text(ctx, name);
        if (value == null) {
            return null;
        }
        return switch (value.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "true", "1" -> Boolean.TRUE;
            case "false", "0" -> Boolean.FALSE;
            default -> throw AghException.invalid(name + " must be true or false, got \"" + value + "\"");
        };
    }
}
