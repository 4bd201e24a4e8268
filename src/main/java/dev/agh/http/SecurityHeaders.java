package dev.agh.http;

import java.util.function.BiConsumer;

/**
 * Headers on every answer: no content sniffing (an error body echoing input must never be read as HTML), and no
 * caching of task data by a browser or proxy (it changes every moment and may be private).
 */
final class SecurityHeaders {
    private SecurityHeaders() {}

    static void apply(BiConsumer<String, String> header) {
        header.accept("X-Content-Type-Options", "nosniff");
        header.accept("Cache-Control", "no-store");
        header.accept("Referrer-Policy", "no-referrer");
    }
}
