package id.go.jemberkab.platform.localstack;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.AbstractUniqueIndex;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;
import java.util.List;
import java.util.Map;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * mongo-java-server's H2 backend with its documents kept as BSON ({@link DocumentType}) and its unique indexes
 * under {@link IndexKeyType}. Maps keep H2Backend's names. Documents written before in H2's generic form
 * still read; the layout of each index map is recorded in {@value #LAYOUTS}, and an index still in the generic
 * layout (a file written before) is rewritten once when its collection opens.
 */
final class StoreBackend extends H2Backend {

  private static final Logger log = LoggerFactory.getLogger(StoreBackend.class);
  static final String LAYOUTS = "jember.index-layouts";
  private static final String COMPACT_KEYS = "compact-keys-1";

  StoreBackend(MVStore store) {
    super(store);
  }

  @Override
  protected MongoDatabase openOrCreateDatabase(String name) {
    return new Database(name);
  }

  /**
   * mongo-java-server knows {@code isMaster} but not its successor {@code hello}, which Spring Boot's health
   * check sends; {@code isMaster} answers the same questions for a standalone server.
   */
  @Override
  public Document handleCommand(Channel channel, String database, String command, Document query) {
    return super.handleCommand(channel, database, MongoStore.hello(command), query);
  }

  private MVMap<KeyValue, Object> openIndex(String name) {
    MVStore store = getMvStore();
    MVMap<String, String> layouts = store.openMap(LAYOUTS);
    MVMap.Builder<KeyValue, Object> compact = new MVMap.Builder<KeyValue, Object>().keyType(IndexKeyType.INSTANCE);
    if (store.hasMap(name) && !COMPACT_KEYS.equals(layouts.get(name))) {
      MVMap<KeyValue, Object> generic = store.openMap(name);
      String moving = name + ".moving";
      if (store.hasMap(moving)) {
        store.removeMap(moving);
      }
      MVMap<KeyValue, Object> rewritten = store.openMap(moving, compact);
      log.info("rewriting index {} ({} keys) in the compact key layout", name, generic.sizeAsLong());
      rewritten.putAll(generic);
      store.removeMap(generic);
      store.renameMap(rewritten, name);
      layouts.put(name, COMPACT_KEYS);
      store.commit();
      return rewritten;
    }
    layouts.put(name, COMPACT_KEYS);
    return store.openMap(name, compact);
  }

  private final class Database extends H2Database {

    Database(String name) {
      super(name, StoreBackend.this.getMvStore(), StoreBackend.this.getCursorRegistry());
    }

    /** H2Database's maps, the documents kept as BSON ({@link DocumentType}). */
    @Override
    protected MongoCollection<Object> openOrCreateCollection(String collection, CollectionOptions options) {
      String namespace = getFullCollectionNamespace(collection);
      MVStore store = StoreBackend.this.getMvStore();
      MVMap<Object, Document> documents = store.openMap("databases." + namespace,
          new MVMap.Builder<Object, Document>().valueType(DocumentType.INSTANCE));
      MVMap<String, Object> meta = store.openMap("meta." + namespace);
      return new H2Collection(this, collection, options, documents, meta, StoreBackend.this.getCursorRegistry());
    }

    /** H2Database's map name for the index, kept so its drop and rename find the map. */
    @Override
    protected Index<Object> openOrCreateUniqueIndex(String collection, String indexName, List<IndexKey> keys,
        boolean sparse) {
      return new UniqueIndex(openIndex(getFullCollectionNamespace(collection) + "._index_" + indexName), indexName,
          keys, sparse);
    }
  }

  /** H2UniqueIndex over a map of our key type (its constructor is not public). */
  private static final class UniqueIndex extends AbstractUniqueIndex<Object> {

    private final MVMap<KeyValue, Object> map;

    UniqueIndex(MVMap<KeyValue, Object> map, String name, List<IndexKey> keys, boolean sparse) {
      super(name, keys, sparse);
      this.map = map;
    }

    @Override
    protected Object removeDocument(KeyValue key) {
      return map.remove(key);
    }

    @Override
    protected boolean putKeyPosition(KeyValue key, Object position) {
      return map.putIfAbsent(key, Missing.ofNullable(position)) == null;
    }

    @Override
    protected Iterable<Map.Entry<KeyValue, Object>> getIterable() {
      return map.entrySet();
    }

    @Override
    protected Object getPosition(KeyValue key) {
      return map.get(key);
    }

    @Override
    public long getCount() {
      return map.sizeAsLong();
    }

    @Override
    public boolean isEmpty() {
      return map.isEmpty();
    }

    @Override
    public long getDataSize() {
      return getCount();
    }
  }
}
