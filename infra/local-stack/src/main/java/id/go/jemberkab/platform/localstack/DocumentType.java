package id.go.jemberkab.platform.localstack;

import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;
import org.h2.mvstore.type.ObjectDataType;

/**
 * The documents of a collection in the H2 file, as BSON. H2's generic type Java-serializes each document
 * whenever its page is written or read back, which took most of the store's CPU under a steady insert load.
 * A value written before, in that form, still reads (H2 marks it with its tag for a serialized object) and is
 * rewritten as BSON with its page; a document BSON cannot carry stays in the old form.
 */
final class DocumentType extends BasicDataType<Document> {

  static final DocumentType INSTANCE = new DocumentType();

  /** ObjectDataType's tag for a Java-serialized object, followed by the length and the bytes. */
  private static final byte SERIALIZED = 19;
  private static final byte BSON = 100;

  /** Bytes a document takes in memory, from the sizes seen: H2 weighs its page cache with it. */
  private volatile int averageMemory = 512;

  private DocumentType() {
  }

  @Override
  public int getMemory(Document document) {
    return averageMemory;
  }

  @Override
  public void write(WriteBuffer buffer, Document document) {
    ByteBuf bson = Unpooled.buffer(256);
    try {
      BsonEncoder.encodeDocument(document, bson);
    } catch (RuntimeException notBson) {
      byte[] serialized = ObjectDataType.serialize(document);
      buffer.put(SERIALIZED).putVarInt(serialized.length).put(serialized);
      return;
    }
    int length = bson.readableBytes();
    seen(length);
    buffer.put(BSON).putVarInt(length).put(bson.array(), bson.arrayOffset() + bson.readerIndex(), length);
  }

  @Override
  public Document read(ByteBuffer buffer) {
    byte tag = buffer.get();
    byte[] bytes = new byte[DataUtils.readVarInt(buffer)];
    buffer.get(bytes);
    seen(bytes.length);
    return switch (tag) {
      case BSON -> BsonDecoder.decodeBson(Unpooled.wrappedBuffer(bytes));
      case SERIALIZED -> (Document) ObjectDataType.deserialize(bytes);
      default -> throw new IllegalStateException("unknown document tag " + tag + " in the store file");
    };
  }

  private void seen(int length) {
    averageMemory = (averageMemory * 15 + 96 + 4 * length) / 16;
  }

  @Override
  public Document[] createStorage(int size) {
    return new Document[size];
  }
}
