package id.go.jemberkab.platform.analytics.views;

import java.util.Map;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.WriteBufferManager;

/**
 * Every state store of the views shares one block cache and one write-buffer budget, so memory outside the
 * heap stays bounded however many stores the topology has (Kafka Streams' documented recipe). Tables as big
 * as the citizen registry live on disk in RocksDB, not on the heap.
 */
public class BoundedRocksDb implements RocksDBConfigSetter {

  static final long CACHE_BYTES = 64L * 1024 * 1024;
  static final long WRITE_BUFFER_BYTES = 32L * 1024 * 1024;

  private static final Cache CACHE = new LRUCache(CACHE_BYTES, -1, false, 0.1);
  private static final WriteBufferManager WRITE_BUFFERS = new WriteBufferManager(WRITE_BUFFER_BYTES, CACHE);

  @Override
  public void setConfig(String storeName, Options options, Map<String, Object> configs) {
    BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
    table.setBlockCache(CACHE);
    table.setCacheIndexAndFilterBlocks(true);
    table.setCacheIndexAndFilterBlocksWithHighPriority(true);
    table.setPinTopLevelIndexAndFilter(true);
    options.setWriteBufferManager(WRITE_BUFFERS);
    options.setMaxWriteBufferNumber(2);
    options.setWriteBufferSize(4L * 1024 * 1024);
    options.setTableFormatConfig(table);
  }

  @Override
  public void close(String storeName, Options options) {
    // the cache and the write-buffer manager are shared: they live as long as the process
  }
}
