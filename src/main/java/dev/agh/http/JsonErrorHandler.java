package dev.agh.http;

import dev.agh.api.ErrorBody;
import dev.agh.api.Json;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.ErrorHandler;

/**
 * Jetty answers some requests itself, before any route runs: a request line or headers too long (414, 431), bad
 * percent-encoding or a NUL in the path (400), a malformed chunked body. Its default pages are HTML; a client of
 * this API parses {@code {"error","code"}} on every failure, so those answers use the same body.
 */
final class JsonErrorHandler extends ErrorHandler {
    /** The stable code of a status Jetty produced on its own. */
    static String codeFor(int status) {
        return switch (status) {
            case 400 -> "MALFORMED_REQUEST";
            case 404 -> "ROUTE_NOT_FOUND";
            case 405 -> "METHOD_NOT_ALLOWED";
            case 413 -> "PAYLOAD_TOO_LARGE";
            case 414 -> "URI_TOO_LONG";
            case 431 -> "HEADERS_TOO_LARGE";
            case 500 -> "INTERNAL_ERROR";
            case 503 -> "STORE_UNAVAILABLE";
            default -> "HTTP_" + status;
        };
    }

    static byte[] body(int status, String reason) {
        String message = reason == null || reason.isBlank() || status >= 500 ? defaultMessage(status) : reason;
        return Json.write(new ErrorBody(message, codeFor(status))).getBytes(StandardCharsets.UTF_8);
    }

    private static String defaultMessage(int status) {
        return switch (status) {
            case 400 -> "malformed HTTP request";
            case 414 -> "request line too long";
            case 431 -> "request headers too large";
            case 500 -> "internal error";
            default -> "HTTP " + status;
        };
    }

    @Override
    public void handle(String target, Request baseRequest, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        int status = response.getStatus() < 400 ? 500 : response.getStatus();
        Object reason = request.getAttribute(RequestDispatcher.ERROR_MESSAGE);
        byte[] bytes = body(status, reason == null ? null : reason.toString());
        baseRequest.setHandled(true);
        if (response.isCommitted()) {
            return;
        }
        response.setStatus(status);
        response.setContentType("application/json");
        SecurityHeaders.apply(response::setHeader);
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(HttpHeader.CONTENT_TYPE, "application/json");
        SecurityHeaders.apply(fields::put);
        return ByteBuffer.wrap(body(status, reason));
    }
}
