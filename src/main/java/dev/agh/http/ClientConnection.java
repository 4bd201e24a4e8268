package dev.agh.http;

import io.javalin.http.Context;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.BufferUtil;

/**
 * Whether the client of a waiting request is still there. A waiting {@code claim-next} has read its whole request
 * and Jetty reads nothing more from the connection until it answers, so a client that went away meanwhile (Ctrl-C
 * of {@code agh agent next --wait}) is noticed only by reading: one non-blocking read that finds the end of the
 * stream. An HTTP/1.1 client sends nothing else before its answer; should it, the connection is closed after the
 * answer rather than misread.
 */
final class ClientConnection {
    private ClientConnection() {}

    static boolean gone(Context ctx) {
        Request base = Request.getBaseRequest(ctx.req());
        if (base == null) {
            return false;
        }
        EndPoint endPoint = base.getHttpChannel().getEndPoint();
        if (!endPoint.isOpen() || endPoint.isInputShutdown()) {
            return true;
        }
        ByteBuffer probe = BufferUtil.allocate(1);
        try {
            int read = endPoint.fill(probe);
            if (read > 0) {
                ctx.header("Connection", "close");
            }
            return read < 0;
        } catch (IOException e) {
            return true;
        }
    }
}
