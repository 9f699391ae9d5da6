package io.tradingengine.topology;

import java.util.Map;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.WriteBufferManager;

/**
 * Bounds the off-heap memory of all RocksDB stores of the process (Kafka Streams memory-management guide).
 *
 * <p>Every store instance, whatever the number of partitions, shares one LRU block cache of {@link #TOTAL_BYTES}
 * = 64 MiB. The memtables are charged against that same cache through one {@link WriteBufferManager} limited to
 * {@link #MEMTABLE_BYTES} = 16 MiB, so data blocks, index and filter blocks and write buffers together stay within
 * 64 MiB. Index and filter blocks live in the cache too (high-priority pool, {@link #INDEX_FILTER_RATIO} = 10 %)
 * instead of growing outside it with the data. Each memtable is {@link #WRITE_BUFFER_BYTES} = 4 MiB, at most
 * {@link #MAX_WRITE_BUFFERS} = 2 per store. The engine's state is small (one record per assessment, position and
 * order id), so this keeps the hot set in memory on a 2-core, few-GiB machine.
 */
public class BoundedMemoryRocksDBConfig implements RocksDBConfigSetter {

    public static final long TOTAL_BYTES = 64L * 1024 * 1024;
    public static final long MEMTABLE_BYTES = 16L * 1024 * 1024;
    public static final double INDEX_FILTER_RATIO = 0.1;
    public static final long WRITE_BUFFER_BYTES = 4L * 1024 * 1024;
    public static final int MAX_WRITE_BUFFERS = 2;
    public static final long BLOCK_SIZE_BYTES = 16L * 1024;

    // Shared on purpose (the documented pattern): one cache and one write-buffer manager for every store of the
    // JVM is what bounds the total. Created once, never reassigned, never closed while stores may use them.
    private static final Cache CACHE = new LRUCache(TOTAL_BYTES, -1, false, INDEX_FILTER_RATIO);
    private static final WriteBufferManager WRITE_BUFFER_MANAGER = new WriteBufferManager(MEMTABLE_BYTES, CACHE);

    @Override
    public void setConfig(String storeName, Options options, Map<String, Object> configs) {
        BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
        table.setBlockCache(CACHE);
        table.setCacheIndexAndFilterBlocks(true);
        table.setCacheIndexAndFilterBlocksWithHighPriority(true);
        table.setPinTopLevelIndexAndFilter(true);
        table.setBlockSize(BLOCK_SIZE_BYTES);
        options.setWriteBufferManager(WRITE_BUFFER_MANAGER);
        options.setWriteBufferSize(WRITE_BUFFER_BYTES);
        options.setMaxWriteBufferNumber(MAX_WRITE_BUFFERS);
        options.setTableFormatConfig(table);
    }

    @Override
    public void close(String storeName, Options options) {
        // The cache and the write-buffer manager are shared by all stores: closing them here would break the others.
    }
}
