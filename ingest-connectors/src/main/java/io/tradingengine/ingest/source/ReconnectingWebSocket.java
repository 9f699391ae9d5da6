package io.tradingengine.ingest.source;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpTimeoutException;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A WebSocket client ({@link java.net.http.WebSocket}) that stays connected: it reconnects with jittered
 * exponential backoff after a refused handshake, a close, an error or an idle connection (nothing received, not
 * even a ping, for the idle timeout), reassembles fragmented text messages, and calls the {@link Handler} on open
 * (to subscribe), per message, and every heartbeat interval (to send application-level pings). Protocol-level
 * pings are answered by the JDK. The backoff resets once a connection delivered a message.
 */
public final class ReconnectingWebSocket {

    /** What a connector does with the connection. Called on the client's threads, one message at a time. */
    public interface Handler {

        /** Headers for the next handshake; computed per attempt because signatures carry a timestamp. */
        default Map<String, String> handshakeHeaders() {
            return Map.of();
        }

        /** The connection is open: subscribe here. */
        void onOpen(Session session);

        /** One complete text message. A {@link RuntimeException} is counted as MALFORMED, never fatal. */
        void onMessage(Session session, String text);

        /** Every heartbeat interval while open. */
        default void onHeartbeat(Session session) {
        }

        /** The connection is gone, or an attempt failed; a reconnect is scheduled. */
        default void onDown(String reason) {
        }
    }

    /** The open connection, as a handler sees it. */
    public interface Session {

        /** Queues a text message (sends are serialized). */
        void send(String text);

        /** Queues a protocol-level ping. */
        void ping();

        /** Drops this connection and reconnects (after backoff). */
        void reconnect(String reason);
    }

    private final URI uri;
    private final HttpClient client;
    private final ScheduledExecutorService scheduler;
    private final SourceMonitor monitor;
    private final Backoff backoff;
    private final Duration connectTimeout;
    private final Duration heartbeat;
    private final Duration idleTimeout;
    private final Handler handler;
    private final AtomicLong generation = new AtomicLong();
    private volatile Connection current;
    private volatile boolean stopped;
    private ScheduledFuture<?> heartbeatTask;

    public ReconnectingWebSocket(URI uri, HttpClient client, ScheduledExecutorService scheduler,
            SourceMonitor monitor, Backoff backoff, Duration connectTimeout, Duration heartbeat, Duration idleTimeout,
            Handler handler) {
        this.uri = Objects.requireNonNull(uri, "uri");
        this.client = Objects.requireNonNull(client, "client");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.monitor = Objects.requireNonNull(monitor, "monitor");
        this.backoff = Objects.requireNonNull(backoff, "backoff");
        this.connectTimeout = Objects.requireNonNull(connectTimeout, "connectTimeout");
        this.heartbeat = Objects.requireNonNull(heartbeat, "heartbeat");
        this.idleTimeout = Objects.requireNonNull(idleTimeout, "idleTimeout");
        this.handler = Objects.requireNonNull(handler, "handler");
    }

    /** Connects now and starts the heartbeat. */
    public synchronized void start() {
        heartbeatTask = scheduler.scheduleAtFixedRate(this::heartbeat, heartbeat.toNanos(), heartbeat.toNanos(),
                TimeUnit.NANOSECONDS);
        connect();
    }

    /** Closes the connection and stops reconnecting. */
    public synchronized void stop() {
        stopped = true;
        if (heartbeatTask != null) {
            heartbeatTask.cancel(false);
        }
        Connection connection = current;
        if (connection != null) {
            connection.close();
        }
    }

    /** True while a connection is open. */
    public boolean isOpen() {
        Connection connection = current;
        return connection != null && connection.open.get();
    }

    private void connect() {
        if (stopped) {
            return;
        }
        Connection connection = new Connection(generation.incrementAndGet());
        WebSocket.Builder builder = client.newWebSocketBuilder().connectTimeout(connectTimeout);
        try {
            handler.handshakeHeaders().forEach(builder::header);
            builder.buildAsync(uri, connection).whenComplete((ws, error) -> {
                if (error != null) {
                    connection.down(classify(error));
                }
            });
        } catch (RuntimeException e) {
            connection.down(new SourceException(ErrorKind.CONNECTION, "cannot connect to " + uri + ": " + e, e));
        }
    }

    private void scheduleReconnect() {
        if (stopped) {
            return;
        }
        Duration delay = backoff.next();
        monitor.reconnect();
        try {
            scheduler.schedule(this::connect, delay.toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            // The connector is stopping and its scheduler is gone.
        }
    }

    private void heartbeat() {
        Connection connection = current;
        if (connection == null || !connection.open.get()) {
            return;
        }
        long idleNanos = System.nanoTime() - connection.lastReceived.get();
        if (idleNanos > idleTimeout.toNanos()) {
            connection.down(new SourceException(ErrorKind.TIMEOUT, "nothing received for "
                    + TimeUnit.NANOSECONDS.toMillis(idleNanos) + " ms"));
            return;
        }
        try {
            handler.onHeartbeat(connection);
        } catch (RuntimeException e) {
            monitor.error(ErrorKind.CONNECTION, "heartbeat failed: " + e);
        }
    }

    private SourceException classify(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof SourceException) {
            return (SourceException) cause;
        }
        if (cause instanceof WebSocketHandshakeException) {
            int status = ((WebSocketHandshakeException) cause).getResponse().statusCode();
            return new SourceException(ErrorKind.CONNECTION, "handshake refused with HTTP " + status, status, null,
                    cause);
        }
        if (cause instanceof HttpTimeoutException) {
            return new SourceException(ErrorKind.TIMEOUT, "connect to " + uri + " timed out", cause);
        }
        return new SourceException(ErrorKind.CONNECTION, uri + ": " + cause, cause);
    }

    /** One connection attempt; callbacks of an attempt that is no longer current are ignored. */
    private final class Connection implements WebSocket.Listener, Session {

        private final long id;
        private final AtomicBoolean open = new AtomicBoolean();
        private final AtomicBoolean gone = new AtomicBoolean();
        private final AtomicLong lastReceived = new AtomicLong(System.nanoTime());
        private final StringBuilder buffer = new StringBuilder();
        private volatile WebSocket socket;
        private CompletableFuture<?> sends = CompletableFuture.completedFuture(null);
        private boolean delivered;

        Connection(long id) {
            this.id = id;
        }

        private boolean stale() {
            return id != generation.get() || stopped;
        }

        @Override
        public void onOpen(WebSocket webSocket) {
            socket = webSocket;
            if (stale()) {
                webSocket.abort();
                return;
            }
            current = this;
            open.set(true);
            lastReceived.set(System.nanoTime());
            try {
                handler.onOpen(this);
            } catch (RuntimeException e) {
                monitor.error(ErrorKind.CONNECTION, "subscribing failed: " + e);
            }
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            lastReceived.set(System.nanoTime());
            buffer.append(data);
            if (last) {
                String text = buffer.toString();
                buffer.setLength(0);
                if (!stale()) {
                    if (!delivered) {
                        delivered = true;
                        backoff.reset();
                    }
                    try {
                        handler.onMessage(this, text);
                    } catch (SourceException e) {
                        monitor.error(e);
                    } catch (RuntimeException e) {
                        monitor.error(ErrorKind.MALFORMED, e + " in " + Json.snippet(text));
                    }
                }
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            lastReceived.set(System.nanoTime());
            if (last) {
                monitor.error(ErrorKind.UNKNOWN_EVENT, "binary message ignored");
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onPing(WebSocket webSocket, ByteBuffer message) {
            lastReceived.set(System.nanoTime());
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onPong(WebSocket webSocket, ByteBuffer message) {
            lastReceived.set(System.nanoTime());
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            down(new SourceException(ErrorKind.CONNECTION, "closed by the server: " + statusCode
                    + (reason == null || reason.isEmpty() ? "" : " " + reason)));
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            down(classify(error));
        }

        @Override
        public synchronized void send(String text) {
            WebSocket ws = socket;
            if (ws == null || !open.get()) {
                return;
            }
            sends = sends.handle((ok, failed) -> null).thenCompose(ignored -> ws.sendText(text, true));
            sends.whenComplete((ok, failed) -> {
                if (failed != null) {
                    down(new SourceException(ErrorKind.CONNECTION, "send failed: " + failed, failed));
                }
            });
        }

        @Override
        public synchronized void ping() {
            WebSocket ws = socket;
            if (ws == null || !open.get()) {
                return;
            }
            ByteBuffer body = ByteBuffer.wrap("keepalive".getBytes(StandardCharsets.US_ASCII));
            sends = sends.handle((ok, failed) -> null).thenCompose(ignored -> ws.sendPing(body));
        }

        @Override
        public void reconnect(String reason) {
            down(new SourceException(ErrorKind.CONNECTION, "reconnecting: " + reason), false);
        }

        /** Ends this connection once: aborts the socket, tells the handler, schedules a reconnect. */
        void down(SourceException why) {
            down(why, true);
        }

        /** As {@link #down(SourceException)}; {@code counted} false when the caller counted the cause itself. */
        void down(SourceException why, boolean counted) {
            if (!gone.compareAndSet(false, true)) {
                return;
            }
            open.set(false);
            WebSocket ws = socket;
            if (ws != null) {
                ws.abort();
            }
            if (stale()) {
                return;
            }
            if (counted) {
                monitor.error(why);
            }
            try {
                handler.onDown(why.getMessage());
            } finally {
                scheduleReconnect();
            }
        }

        void close() {
            open.set(false);
            gone.set(true);
            WebSocket ws = socket;
            if (ws != null) {
                ws.sendClose(WebSocket.NORMAL_CLOSURE, "client stopping")
                        .orTimeout(1, TimeUnit.SECONDS)
                        .whenComplete((ok, failed) -> ws.abort());
            }
        }
    }
}
