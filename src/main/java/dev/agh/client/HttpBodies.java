package dev.agh.client;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * The three ways an HTTP/1.1 answer's body ends (a length, chunked transfer coding, the end of the connection),
 * each an {@link InputStream} over the connection's input. Closing a body before its end closes the connection:
 * what is left of the answer would otherwise be read as the next one.
 */
final class HttpBodies {
    /** A header line longer than this is not from an agh server. */
    static final int MAX_LINE = 64 * 1024;

    private HttpBodies() {}

    /** Reads one line ending in CRLF (or LF), without the ending. */
    static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder(64);
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("the connection ended inside the answer's head");
            }
            if (b == '\n') {
                int end = line.length();
                if (end > 0 && line.charAt(end - 1) == '\r') {
                    line.setLength(end - 1);
                }
                return line.toString();
            }
            if (line.length() >= MAX_LINE) {
                throw new IOException("a header line over " + MAX_LINE + " bytes");
            }
            line.append((char) b);
        }
    }

    /** A body of a known length; closing it before its end drops the connection. */
    static final class FixedBody extends InputStream {
        private final InputStream in;
        private final Closeable connection;
        private long remaining;

        FixedBody(InputStream in, Closeable connection, long length) {
            this.in = in;
            this.connection = connection;
            this.remaining = length;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int n = in.read(buffer, offset, (int) Math.min(length, remaining));
            if (n < 0) {
                throw new EOFException("the connection ended " + remaining + " bytes before the end of the answer");
            }
            remaining -= n;
            return n;
        }

        @Override
        public void close() throws IOException {
            if (remaining > 0) {
                connection.close();
            }
        }
    }

    /** A body in chunked transfer coding (what the server sends for streams). */
    static final class ChunkedBody extends InputStream {
        private final InputStream in;
        private final Closeable connection;
        private long chunkLeft;
        /** A chunk's data was read, but not the CRLF after it: Jetty sends that with the next chunk, not this one. */
        private boolean crlfPending;

        private boolean ended;

        ChunkedBody(InputStream in, Closeable connection) {
            this.in = in;
            this.connection = connection;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (ended) {
                return -1;
            }
            if (length == 0) {
                return 0;
            }
            if (chunkLeft == 0) {
                if (crlfPending) {
                    line(in);
                    crlfPending = false;
                }
                String size = line(in);
                int extension = size.indexOf(';');
                try {
                    chunkLeft = Long.parseLong((extension < 0 ? size : size.substring(0, extension)).trim(), 16);
                } catch (NumberFormatException e) {
                    throw new IOException("bad chunk size: " + size, e);
                }
                if (chunkLeft == 0) {
                    for (String trailer = line(in); !trailer.isEmpty(); trailer = line(in)) {
                        // trailers carry nothing agh reads
                    }
                    ended = true;
                    return -1;
                }
            }
            int n = in.read(buffer, offset, (int) Math.min(length, chunkLeft));
            if (n < 0) {
                throw new EOFException("the connection ended inside a chunk");
            }
            chunkLeft -= n;
            // Reading the CRLF now would wait for the next chunk, holding back this one's data (an event).
            crlfPending = chunkLeft == 0;
            return n;
        }

        @Override
        public void close() throws IOException {
            if (!ended) {
                connection.close();
            }
        }
    }

    /** A body that ends with the connection. */
    static final class UntilEnd extends InputStream {
        private final InputStream in;
        private final Closeable connection;

        UntilEnd(InputStream in, Closeable connection) {
            this.in = in;
            this.connection = connection;
        }

        @Override
        public int read() throws IOException {
            return in.read();
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            return in.read(buffer, offset, length);
        }

        @Override
        public void close() throws IOException {
            connection.close();
        }
    }
}
