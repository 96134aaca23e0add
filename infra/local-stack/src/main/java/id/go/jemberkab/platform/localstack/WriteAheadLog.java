package id.go.jemberkab.platform.localstack;

import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

/**
 * The embedded store's write-ahead log: every write command, as BSON, appended to a file before the command is
 * answered. It is written, not forced: a killed store process loses nothing, a power cut may lose the last
 * seconds (production runs MongoDB with its journal).
 *
 * <p>The file starts with a header (the magic {@code JWAL}, a format version and a generation); each record is
 * its length, the CRC-32 of its bytes and the bytes. A record cut short by a kill fails its length or checksum and
 * ends the log there: it was never acknowledged. Not thread-safe: {@link StoreBackend} holds its write lock.
 */
final class WriteAheadLog implements AutoCloseable {

  static final int HEADER_BYTES = 16;
  private static final int MAGIC = 0x4a57414c;
  private static final int VERSION = 1;
  private static final int RECORD_HEADER_BYTES = 8;

  private final Path path;
  private final long generation;
  private final FileChannel channel;
  private long end;

  private WriteAheadLog(Path path, long generation, FileChannel channel, long end) {
    this.path = path;
    this.generation = generation;
    this.channel = channel;
    this.end = end;
  }

  /** What a log file holds: its generation and its whole records from {@code from} on. */
  record Contents(long generation, List<Entry> records) {
  }

  /** One write command, and where in the log its record ends. */
  record Entry(Document command, long end) {
  }

  /** Reads the log at {@code path} from byte {@code from} on; null when there is no readable log there. */
  static Contents read(Path path, long from) {
    if (!Files.isRegularFile(path)) {
      return null;
    }
    try (FileChannel in = FileChannel.open(path, StandardOpenOption.READ)) {
      ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES);
      while (header.hasRemaining() && in.read(header) >= 0) {
        // reads the whole header, or up to the end of a file cut short
      }
      header.flip();
      if (header.remaining() < HEADER_BYTES || header.getInt() != MAGIC || header.getInt() != VERSION) {
        return null;
      }
      long generation = header.getLong();
      List<Entry> records = new ArrayList<>();
      long at = Math.max(from, HEADER_BYTES);
      long size = in.size();
      while (size - at >= RECORD_HEADER_BYTES) {
        ByteBuffer lengthAndCrc = ByteBuffer.allocate(RECORD_HEADER_BYTES);
        in.read(lengthAndCrc, at);
        lengthAndCrc.flip();
        int length = lengthAndCrc.getInt();
        int crc = lengthAndCrc.getInt();
        if (length <= 0 || length > size - at - RECORD_HEADER_BYTES) {
          break;
        }
        ByteBuffer bytes = ByteBuffer.allocate(length);
        in.read(bytes, at + RECORD_HEADER_BYTES);
        if (bytes.hasRemaining() || crc != crc(bytes.array())) {
          break;
        }
        at += RECORD_HEADER_BYTES + length;
        records.add(new Entry(BsonDecoder.decodeBson(Unpooled.wrappedBuffer(bytes.array())), at));
      }
      return new Contents(generation, records);
    } catch (IOException e) {
      throw new UncheckedIOException("the store's write-ahead log " + path + " cannot be read", e);
    }
  }

  /**
   * Starts an empty log of {@code generation} at {@code path}, replacing what is there in one step: a kill leaves
   * either the old log or the new one, never half of either.
   */
  static WriteAheadLog start(Path path, long generation) {
    Path next = path.resolveSibling(path.getFileName() + ".next");
    try {
      ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES).putInt(MAGIC).putInt(VERSION).putLong(generation).flip();
      try (FileChannel out = FileChannel.open(next, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
          StandardOpenOption.TRUNCATE_EXISTING)) {
        while (header.hasRemaining()) {
          out.write(header);
        }
      }
      Files.move(next, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      FileChannel channel = FileChannel.open(path, StandardOpenOption.WRITE);
      channel.position(HEADER_BYTES);
      return new WriteAheadLog(path, generation, channel, HEADER_BYTES);
    } catch (IOException e) {
      throw new UncheckedIOException("the store's write-ahead log " + path + " cannot be started", e);
    }
  }

  /** Appends one record; when this returns, the record survives the process. */
  void append(Document record) {
    ByteBuf encoded = Unpooled.buffer();
    try {
      BsonEncoder.encodeDocument(record, encoded);
      byte[] bytes = new byte[encoded.readableBytes()];
      encoded.readBytes(bytes);
      ByteBuffer out = ByteBuffer.allocate(RECORD_HEADER_BYTES + bytes.length).putInt(bytes.length)
          .putInt(crc(bytes)).put(bytes).flip();
      while (out.hasRemaining()) {
        channel.write(out);
      }
      end += RECORD_HEADER_BYTES + bytes.length;
    } catch (IOException e) {
      throw new UncheckedIOException("the store's write-ahead log " + path + " cannot be written", e);
    } finally {
      encoded.release();
    }
  }

  long generation() {
    return generation;
  }

  /** The end of the last whole record. */
  long end() {
    return end;
  }

  Path path() {
    return path;
  }

  private static int crc(byte[] bytes) {
    CRC32 crc = new CRC32();
    crc.update(bytes);
    return (int) crc.getValue();
  }

  @Override
  public void close() {
    try {
      channel.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
