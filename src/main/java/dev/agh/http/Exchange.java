package dev.agh.http;

import dev.agh.api.Json;
import dev.agh.domain.AghException;
import dev.agh.domain.ErrorCode;
import dev.agh.domain.Limits;
import dev.agh.service.Caller;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** Reading requests and writing responses, the same way in every handler. */
final class Exchange {
    static final String CALLER = "agh.caller";

    private Exchange() {}

    static Caller caller(Context ctx) {
        return ctx.attribute(CALLER);
    }

    static <T> T body(Context ctx, Class<T> type) {
        return Json.readRequest(bodyText(ctx), type);
    }

    /** For operations whose body is optional: an empty body reads as {@code {}}. */
    static <T> T optionalBody(Context ctx, Class<T> type) {
        String text = bodyText(ctx);
        return Json.readRequest(text.isBlank() ? "{}" : text, type);
    }

    /**
     * Reads the body as a stream and stops one byte past the limit: a chunked upload has no length to refuse it by,
     * and reading it whole first would let four such uploads fill the heap.
     */
    private static String bodyText(Context ctx) {
        byte[] bytes;
        try (InputStream in = ctx.req().getInputStream()) {
            bytes = in.readNBytes(Limits.MAX_REQUEST_BYTES + 1);
        } catch (IOException | RuntimeException e) {
            throw new AghException(
                    ErrorCode.MALFORMED_REQUEST, "the request body could not be read: " + e.getMessage());
        }
        if (bytes.length > Limits.MAX_REQUEST_BYTES) {
            throw new AghException(
                    ErrorCode.PAYLOAD_TOO_LARGE,
                    "request body too large (limit " + Limits.MAX_REQUEST_BYTES + " bytes)");
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }

    static void json(Context ctx, int status, Object body) {
        ctx.status(status).contentType("application/json").result(Json.write(body));
    }
}
