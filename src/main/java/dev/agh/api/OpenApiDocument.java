package dev.agh.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The OpenAPI 3.1 description of the HTTP API, shipped in the jar and answered at {@code GET /api/openapi.json}. */
public final class OpenApiDocument {
    /** Where the document lives on the classpath; the tests validate every response against the same file. */
    public static final String RESOURCE = "/dev/agh/api/openapi.json";

    private static volatile byte[] bytes;

    private OpenApiDocument() {}

    /** The document as stored (read once, on first use: a CLI command never pays for it). */
    public static byte[] bytes() {
        byte[] loaded = bytes;
        if (loaded == null) {
            try (InputStream in = OpenApiDocument.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException(RESOURCE + " is missing from the program");
                }
                loaded = in.readAllBytes();
                bytes = loaded;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return loaded;
    }
}
