package dev.agh.store.jdbi;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongConsumer;
import java.util.regex.Pattern;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Commits of other nodes on the same PostgreSQL database, told by {@code LISTEN/NOTIFY}: every write
 * transaction that wrote events sends {@code NOTIFY "agh_events_<schema>", '<node>:<sequence>'} before
 * it commits (PostgreSQL delivers it at the commit, and drops it on a rollback), and each node listens
 * on a connection of its own and hands the sequences of the other nodes to the store's event
 * listeners, as its own writer does for its commits. So a claimer waiting on one node wakes when
 * another node enqueues, and live streams follow other nodes' writes, without reading the event
 * counter in a loop. Notices go to the whole database; the schema in the channel's name keeps stores
 * in other schemas of it from waking for commits that are not theirs.
 */
final class PgCommitNotices implements AutoCloseable {
    static final String CHANNEL_PREFIX = "agh_events_";
    /** PostgreSQL's longest identifier, in bytes; a longer channel name is refused by pg_notify. */
    private static final int MAX_CHANNEL_BYTES = 63;

    private static final Pattern PLAIN_SCHEMA = Pattern.compile("[a-z0-9_]+");
    private static final Logger LOG = LoggerFactory.getLogger(PgCommitNotices.class);
    /** How long one wait for notifications blocks, so that close is noticed. */
    private static final int WAIT_MILLIS = 500;

    private static final long RETRY_MILLIS = 1_000;

    /** This node's name in the payload: a node ignores its own notices (its writer told its listeners). */
    private final String node = UUID.randomUUID().toString();

    private final String url;
    private final String user;
    private final String password;
    private final List<LongConsumer> listeners;
    private final Thread thread;
    private volatile boolean closed;
    private volatile boolean listening;
    private final AtomicBoolean started = new AtomicBoolean();
    /** The listening connection, closed by {@link #close} to end a wait at once. */
    private volatile Connection current;
    /** The channel of this store's schema, learnt from the first connection that needs it. */
    private volatile String channel;

    PgCommitNotices(String url, String user, String password, List<LongConsumer> listeners) {
        this.url = url;
        this.user = user;
        this.password = password;
        this.listeners = listeners;
        this.thread = new Thread(this::run, "agh-pg-notices");
        thread.setDaemon(true);
    }

    /** Sends this node's notice for a transaction whose events end at {@code sequence}; call before commit. */
    void send(RawSql sql, long sequence) {
        if (channel == null) {
            channel = channelFor(
                    sql.one("SELECT current_schema()", rs -> rs.getString(1)).orElse(null));
        }
        sql.one("SELECT pg_notify(?, ?)", rs -> Boolean.TRUE, channel, node + ":" + sequence);
    }

    /**
     * {@code agh_events_<schema>} for a plain schema name that fits, else {@code agh_events_} and a hash
     * of the name (a quoted schema name may hold any character and be as long as the channel may).
     */
    static String channelFor(String schema) {
        String name = schema == null ? "" : schema;
        if (PLAIN_SCHEMA.matcher(name).matches() && CHANNEL_PREFIX.length() + name.length() <= MAX_CHANNEL_BYTES) {
            return CHANNEL_PREFIX + name;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
            return CHANNEL_PREFIX + "h" + HexFormat.of().formatHex(digest, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /**
     * True while the listening connection is up: other nodes' commits are then told, not polled for.
     * The first call starts listening: only a process that waits for other nodes' commits (a claimer
     * with {@code wait}, a live stream) asks, so a short command opens no extra connection.
     */
    boolean listening() {
        if (!started.getAndSet(true) && !closed) {
            thread.start();
        }
        return listening;
    }

    private void run() {
        while (!closed) {
            try (Connection connection = connect()) {
                current = connection;
                if (closed) {
                    return;
                }
                try (Statement statement = connection.createStatement()) {
                    if (channel == null) {
                        try (ResultSet schema = statement.executeQuery("SELECT current_schema()")) {
                            channel = channelFor(schema.next() ? schema.getString(1) : null);
                        }
                    }
                    // Quoted: an identifier may not start with a digit, as a schema name or a hash may.
                    statement.execute("LISTEN \"" + channel + "\"");
                }
                listening = true;
                // Commits made while nobody listened were not told: the listeners look for themselves once.
                deliverToAll(0);
                PGConnection pg = connection.unwrap(PGConnection.class);
                while (!closed) {
                    PGNotification[] notices = pg.getNotifications(WAIT_MILLIS);
                    if (notices != null) {
                        for (PGNotification notice : notices) {
                            deliver(notice.getParameter());
                        }
                    }
                }
            } catch (SQLException | RuntimeException e) {
                listening = false;
                if (!closed) {
                    // Until it is back, nothing is lost: readers that wait still read the event counter.
                    LOG.warn("listening for other nodes' commits failed, retrying: {}", e.toString());
                    pause();
                }
            } finally {
                listening = false;
            }
        }
    }

    private Connection connect() throws SQLException {
        return user == null ? DriverManager.getConnection(url) : DriverManager.getConnection(url, user, password);
    }

    private void deliver(String payload) {
        int colon = payload.lastIndexOf(':');
        if (colon < 0 || payload.substring(0, colon).equals(node)) {
            return;
        }
        long sequence;
        try {
            sequence = Long.parseLong(payload.substring(colon + 1));
        } catch (NumberFormatException e) {
            return; // not one of ours
        }
        deliverToAll(sequence);
    }

    private void deliverToAll(long sequence) {
        for (LongConsumer listener : listeners) {
            listener.accept(sequence);
        }
    }

    private void pause() {
        try {
            Thread.sleep(RETRY_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closed = true;
        }
    }

    @Override
    public void close() {
        closed = true;
        Connection connection = current;
        if (connection != null) {
            try {
                connection.close(); // ends a wait for notifications now rather than at its timeout
            } catch (SQLException ignored) {
                // The thread ends either way.
            }
        }
        if (!started.get()) {
            return;
        }
        thread.interrupt();
        try {
            thread.join(WAIT_MILLIS * 4L);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
