package dev.agh.http;

import dev.agh.api.Json;
import dev.agh.domain.AghException;
import dev.agh.domain.ErrorCode;
import dev.agh.domain.Limits;
import dev.agh.service.Caller;
import io.javalin.http.Context;

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

  private static String bodyText(Context ctx) {
    byte[] bytes = ctx.bodyAsBytes();
    if (bytes.length > Limits.MAX_REQUEST_BYTES) {
      throw new AghException(ErrorCode.PAYLOAD_TOO_LARGE, "request body too large (limit " + Limits.MAX_REQUEST_BYTES + " bytes)");
    }
    return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
  }

  static void json(Context ctx, int status, Object body) {
    ctx.status(status).contentType("application/json").result(Json.write(body));
  }
}
