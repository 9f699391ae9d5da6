package io.tradingengine.embedded;

/** A running PostgreSQL postmaster, however it was started. */
interface PostgresServer extends AutoCloseable {

    /** Stops the server (fast mode: open sessions are ended) and waits until it has exited. */
    @Override
    void close();
}
