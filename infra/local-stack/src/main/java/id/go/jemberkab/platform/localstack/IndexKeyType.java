package id.go.jemberkab.platform.localstack;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.bson.ObjectId;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;
import org.h2.mvstore.type.ObjectDataType;

/**
 * The keys of a unique index in the H2 file. H2's generic type knows nothing of mongo-java-server's
 * {@link KeyValue}, so it Java-serializes both keys on every comparison of a B-tree search and counts each
 * key as a kilobyte in its page cache; an insert into a collection of a few hundred thousand documents then
 * costs about half a millisecond of CPU. The keys almost always hold one string or one ObjectId: those compare
 * and store as themselves; any other key keeps the serialized form and order it had.
 *
 * <p>The order is total: single strings first (by {@link String#compareTo}), then single ObjectIds, then all
 * other keys by their serialized bytes; two keys compare equal exactly when they are equal.
 */
final class IndexKeyType extends BasicDataType<KeyValue> {

  static final IndexKeyType INSTANCE = new IndexKeyType();

  private static final byte STRING = 1;
  private static final byte OBJECT_ID = 2;
  private static final byte SERIALIZED = 3;

  private IndexKeyType() {
  }

  @Override
  public int compare(KeyValue a, KeyValue b) {
    if (a == b) {
      return 0;
    }
    int kindA = kind(a);
    int kindB = kind(b);
    if (kindA != kindB) {
      return Integer.compare(kindA, kindB);
    }
    return switch (kindA) {
      case STRING -> ((String) a.get(0)).compareTo((String) b.get(0));
      case OBJECT_ID -> Arrays.compareUnsigned(((ObjectId) a.get(0)).toByteArray(),
          ((ObjectId) b.get(0)).toByteArray());
      default -> a.equals(b) ? 0 : ObjectDataType.compareNotNull(ObjectDataType.serialize(a),
          ObjectDataType.serialize(b));
    };
  }

  private static byte kind(KeyValue key) {
    if (key.size() == 1) {
      Object only = key.get(0);
      if (only instanceof String) {
        return STRING;
      }
      if (only instanceof ObjectId) {
        return OBJECT_ID;
      }
    }
    return SERIALIZED;
  }

  @Override
  public int getMemory(KeyValue key) {
    return switch (kind(key)) {
      case STRING -> 64 + 2 * ((String) key.get(0)).length();
      case OBJECT_ID -> 80;
      default -> 256;
    };
  }

  @Override
  public void write(WriteBuffer buffer, KeyValue key) {
    byte kind = kind(key);
    buffer.put(kind);
    byte[] bytes = switch (kind) {
      case STRING -> ((String) key.get(0)).getBytes(StandardCharsets.UTF_8);
      case OBJECT_ID -> ((ObjectId) key.get(0)).toByteArray();
      default -> ObjectDataType.serialize(key);
    };
    buffer.putVarInt(bytes.length).put(bytes);
  }

  @Override
  public KeyValue read(ByteBuffer buffer) {
    byte kind = buffer.get();
    byte[] bytes = new byte[DataUtils.readVarInt(buffer)];
    buffer.get(bytes);
    return switch (kind) {
      case STRING -> new KeyValue(new String(bytes, StandardCharsets.UTF_8));
      case OBJECT_ID -> new KeyValue(new ObjectId(bytes));
      case SERIALIZED -> (KeyValue) ObjectDataType.deserialize(bytes);
      default -> throw new IllegalStateException("unknown index key kind " + kind + " in the store file");
    };
  }

  @Override
  public KeyValue[] createStorage(int size) {
    return new KeyValue[size];
  }
}
