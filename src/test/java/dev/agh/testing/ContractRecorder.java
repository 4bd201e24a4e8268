package dev.agh.testing;

import dev.agh.api.ErrorBody;
import dev.agh.api.Json;
import dev.agh.client.ResponseListener;
import dev.agh.domain.ErrorCode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Sees every response an HTTP client receives in a test and records what breaks the API contract:
 * a body that does not validate against the OpenAPI document, an error without {@code {error, code}}, an
 * error code answered with the wrong status, any 500, or a raw claim token in an error.
 */
public final class ContractRecorder implements ResponseListener {
    private static final String RAW_TOKEN_PREFIX = "agh_claim_";
    private final List<String> violations = Collections.synchronizedList(new ArrayList<>());
    private final List<String> bodies = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void received(String method, String path, int status, String body) {
        bodies.add(body == null ? "" : body);
        String request = method + " " + path + " -> " + status;
        if (status / 100 != 2) {
            checkError(request, status, body);
        }
        try {
            ContractValidator.load().assertResponse(method, path, status, body);
        } catch (AssertionError e) {
            violations.add(request + ": " + e.getMessage());
        }
    }

    /** What broke the contract so far (a test asserts it is empty when it ends). */
    public List<String> violations() {
        synchronized (violations) {
            return List.copyOf(violations);
        }
    }

    /** Every response body received, in order. */
    public List<String> bodies() {
        synchronized (bodies) {
            return List.copyOf(bodies);
        }
    }

    /** SPEC: validation 422, too large 413, unknown 404, state conflict 409, refused delete 400, 401/403 for identity. */
    private void checkError(String request, int status, String body) {
        ErrorBody error;
        try {
            error = Json.read(body, ErrorBody.class);
        } catch (RuntimeException e) {
            violations.add(request + ": error body is not {error, code} JSON: " + body);
            return;
        }
        if (error.code() == null || error.error() == null || error.error().isBlank()) {
            violations.add(request + ": error body lacks error or code: " + body);
            return;
        }
        if (body.contains(RAW_TOKEN_PREFIX)) {
            violations.add(request + ": error body shows a raw claim token: " + body);
        }
        ErrorCode code = ErrorCode.fromName(error.code(), null);
        if (code == null) {
            violations.add(request + ": unknown error code " + error.code());
            return;
        }
        if (status >= 500) {
            violations.add(request + ": a server error is a bug (SPEC: no input may cause a 500): " + body);
            return;
        }
        int expected = switch (code.kind()) {
            case INVALID -> 422;
            case TOO_LARGE -> 413;
            case NOT_FOUND -> 404;
            case CONFLICT -> 409;
            case REFUSED -> 400;
            case UNAUTHENTICATED -> 401;
            case FORBIDDEN -> 403;
            case UNSUPPORTED_MEDIA_TYPE -> 415;
            case UNAVAILABLE -> 503;
            case STORE_FULL -> 507;
            case INTERNAL -> 500;
        };
        if (status != expected) {
            violations.add(request + ": code " + code + " should answer " + expected + ", body " + body);
        }
    }
}
