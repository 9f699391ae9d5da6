package io.tradingengine.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.embedded.RedisServer;

/**
 * A real Redis server (the binary shipped in {@code com.github.codemonstur:embedded-redis}) on 127.0.0.1.
 *
 * <p>It keeps nothing on disk: Redis is a cache here, rebuilt from Kafka, so persistence is switched off and the
 * server writes no dump file into the working directory.
 */
public final class EmbeddedRedis implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedRedis.class);
    private static final String HOST = "127.0.0.1";

    private final RedisServer server;
    private final int port;
    private final AtomicBoolean closed = new AtomicBoolean();

    private EmbeddedRedis(RedisServer server, int port) {
        this.server = server;
        this.port = port;
    }

    /**
     * Starts Redis and returns once it accepts connections.
     *
     * @param preferredPort the port to use when it is free; {@code 0} or a taken port means any free port
     */
    public static EmbeddedRedis start(int preferredPort) {
        long started = System.nanoTime();
        int port = Ports.freeOr(preferredPort);
        try {
            RedisServer server = RedisServer.newRedisServer()
                    .port(port)
                    .bind(HOST)
                    .setting("save \"\"")
                    .setting("appendonly no")
                    .setting("protected-mode yes")
                    .onShutdownForceStop(true)
                    .build();
            // start() returns when the server logs that it is ready to accept connections.
            server.start();
            LOG.info("Redis started on {}:{} in {} ms", HOST, port,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
            return new EmbeddedRedis(server, port);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start Redis on port " + port, e);
        }
    }

    /** {@code redis://127.0.0.1:<port>}. */
    public String url() {
        return "redis://" + HOST + ":" + port;
    }

    /** The port Redis listens on. */
    public int port() {
        return port;
    }

    /** Stops the server and waits for it to exit. Idempotent. */
    @Override
    public void close() {
        if (closed.getAndSet(true)) {
            return;
        }
        try {
            server.stop();
            LOG.info("Redis on {}:{} stopped", HOST, port);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stop Redis on port " + port, e);
        }
    }
}
