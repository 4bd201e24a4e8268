package dev.agh.http;

import dev.agh.api.ErrorBody;
import dev.agh.api.Json;
import dev.agh.domain.ErrorCode;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Counts every request into {@link Activity} until it ends: a request answered later (an event stream, a
 * waiting claim) ends when its asynchronous answer completes, not when its handler returns.
 */
final class ActivityFilter implements Filter {
    private final Activity activity;

    ActivityFilter(Activity activity) {
        this.activity = activity;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!activity.enter()) {
            refuse((HttpServletResponse) response);
            return;
        }
        try {
            chain.doFilter(request, response);
        } finally {
            if (request.isAsyncStarted()) {
                request.getAsyncContext().addListener(new ExitOnComplete());
            } else {
                activity.exit();
            }
        }
    }

    private static void refuse(HttpServletResponse response) throws IOException {
        byte[] body = Json.write(new ErrorBody(
                        "the agh server is shutting down; try again (a new one takes over)",
                        ErrorCode.SERVER_STOPPING.name()))
                .getBytes(StandardCharsets.UTF_8);
        response.setStatus(ErrorMapping.status(ErrorCode.SERVER_STOPPING.kind()));
        response.setContentType("application/json");
        response.setHeader("Connection", "close");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    /** onComplete follows a timeout or an error too, so the request is counted out exactly once. */
    private final class ExitOnComplete implements AsyncListener {
        @Override
        public void onComplete(AsyncEvent event) {
            activity.exit();
        }

        @Override
        public void onTimeout(AsyncEvent event) {}

        @Override
        public void onError(AsyncEvent event) {}

        @Override
        public void onStartAsync(AsyncEvent event) {
            event.getAsyncContext().addListener(this);
        }
    }
}
