package dev.agh.client;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** The JDK's HTTP client: used for {@code https://} servers only, where its TLS stack is worth its start-up. */
final class JdkHttp implements Wire {
    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(PlainHttp.CONNECT_TIMEOUT)
            .version(HttpClient.Version.HTTP_1_1)
            .build();

    @Override
    public Answer exchange(String method, URI uri, Map<String, String> headers, byte[] body, Duration timeout)
            throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        HttpResponse<String> response = send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.body());
    }

    @Override
    public StreamAnswer stream(URI uri, Map<String, String> headers, Duration answerTimeout) throws IOException {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(uri).timeout(answerTimeout).GET();
        headers.forEach(request::header);
        HttpResponse<java.io.InputStream> response = send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        return new StreamAnswer(response.statusCode(), response.body());
    }

    private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) throws IOException {
        try {
            return http.send(request, handler);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while calling " + request.uri());
        }
    }
}
