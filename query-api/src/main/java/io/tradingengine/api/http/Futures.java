package io.tradingengine.api.http;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** Helpers for answering from futures that may already be complete. */
public final class Futures {

    private Futures() {
    }

    /**
     * The value of a completed future, rethrowing its failure as it was thrown (not wrapped), so the exception
     * mappers see an {@link ApiException} as such.
     */
    public static <T> T joinCompleted(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }
}
