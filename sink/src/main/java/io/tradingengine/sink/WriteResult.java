package io.tradingengine.sink;

/**
 * What one batch did to the table: rows inserted and rows that were already there (same trade id). When the driver
 * cannot tell per row (batched inserts rewritten into multi-row statements), {@code unknown} counts those rows.
 */
public record WriteResult(int inserted, int duplicates, int unknown) {

    public static final WriteResult EMPTY = new WriteResult(0, 0, 0);

    public int rows() {
        return inserted + duplicates + unknown;
    }
}
