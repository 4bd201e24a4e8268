package dev.agh.client;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * How requests reach the server: {@link PlainHttp} for {@code http://} (a socket and HTTP/1.1 by hand, so a
 * command that goes to a server loads a few classes instead of the JDK's HTTP client, its TLS stack and its
 * executor: about half a second of every command), {@link JdkHttp} for {@code https://} (a server behind a TLS
 * proxy).
 */
interface Wire {
    /** A whole answer: its status and its body as text (empty for none). */
    record Answer(int status, String body) {}

    /** A streamed answer: its status and its body, read as it arrives; closing it closes the connection. */
    record StreamAnswer(int status, InputStream body) {}

    /**
     * Sends one request and reads its whole answer.
     *
     * @param body the request body (UTF-8 JSON), or null for none
     * @param timeout how long the answer may take (a waiting claim takes as long as its wait)
     */
    Answer exchange(String method, URI uri, Map<String, String> headers, byte[] body, Duration timeout)
            throws IOException;

    /** Sends a GET and returns once the status and headers have arrived (within {@code answerTimeout}). */
    StreamAnswer stream(URI uri, Map<String, String> headers, Duration answerTimeout) throws IOException;

    static Wire forScheme(String scheme) {
        return "https".equalsIgnoreCase(scheme) ? new JdkHttp() : new PlainHttp();
    }
}
