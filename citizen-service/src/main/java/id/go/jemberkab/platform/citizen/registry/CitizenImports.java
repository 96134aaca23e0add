package id.go.jemberkab.platform.citizen.registry;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import com.mongodb.MongoBulkWriteException;
import id.go.jemberkab.platform.outbox.OutboxRelay;
import id.go.jemberkab.platform.problems.FieldError;
import id.go.jemberkab.platform.problems.InvalidRequestException;
import id.go.jemberkab.platform.problems.NotFoundException;
import id.go.jemberkab.platform.problems.ProblemException;
import id.go.jemberkab.platform.problems.ProblemType;
import org.springframework.http.HttpStatus;
import id.go.jemberkab.platform.problems.ProblemResponses;
import id.go.jemberkab.platform.problems.Problems;
import jakarta.annotation.PreDestroy;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.bson.Document;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.util.unit.DataSize;

/**
 * Bulk registration from CSV ({@code nik,name,birthDate,sex,desaCode[,address,phone,email]}): the upload is
 * spooled to disk and checked, kept in MongoDB in chunks and answered at once, then imported in batches with
 * progress. A bad row is reported and skipped; a NIK already registered is counted as a duplicate, so re-running an
 * import adds nothing twice. An import whose process stops is resumed by a replica (or the restarted process) from
 * the row its last batch reached: the 202 was a promise, and a rolling deploy or a scale-down must not break it.
 */
@Service
public class CitizenImports {

  static final List<String> REQUIRED_COLUMNS = List.of("nik", "name", "birthDate", "sex", "desaCode");
  static final List<String> OPTIONAL_COLUMNS = List.of("address", "phone", "email");
  static final int MAX_REPORTED_ERRORS = 100_000;

  private static final Logger log = LoggerFactory.getLogger(CitizenImports.class);
  private static final ZoneId JEMBER_TIME = ZoneId.of("Asia/Jakarta");

  private final MongoTemplate mongo;
  private final CitizenRegistry registry;
  private final OutboxRelay relay;
  private final Clock clock;
  private final long maxBytes;
  private final int batchSize;
  private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> new Thread(r, "citizen-import"));
  /** The uploads, kept until their import ends: {@code _id} {@code <job>:<n>}, {@code data} of {@link #CHUNK} bytes. */
  static final String CHUNKS = "citizen_import_chunks";
  /** Found by id, so no store needs an index to read them in order (1 GB is 1,024 of them). */
  static final int CHUNK = 1024 * 1024;
  /**
   * Who runs a job: this process. Every write of a job's progress names it, so a process that lost its job (it
   * paused longer than {@link #ABANDONED_AFTER} and another replica took the job over) stops instead of running it
   * beside the new owner.
   */
  private final String owner = UUID.randomUUID().toString();
  /** Takeovers before a job that keeps stopping its process (a file no replica can import) is failed. */
  static final int MAX_TAKEOVERS = 3;
  /** Running jobs not renewed for this long lost their process (renewed every 20 s). */
  static final java.time.Duration ABANDONED_AFTER = java.time.Duration.ofMinutes(2);
  private final java.util.Set<String> mine = java.util.concurrent.ConcurrentHashMap.newKeySet();
  /** How many imports this replica may hold, running or spooled and waiting for the one worker. */
  static final int MAX_IN_HAND = 2;
  /**
   * A place per import in hand, from its first byte spooled to its end. Each is a file of up to 1 GB on the
   * temporary disk (2 GiB in Kubernetes): unbounded, a few uploads at once filled it and had the pod evicted,
   * and every import on it was interrupted.
   */
  final java.util.concurrent.Semaphore inHand = new java.util.concurrent.Semaphore(MAX_IN_HAND);
  /** 429, not 503: the caller's own imports fill the place, and a sender retrying must not page the operators. */
  static final ProblemType BUSY = new ProblemType("imports-busy", "Imports busy", HttpStatus.TOO_MANY_REQUESTS);

  CitizenImports(MongoTemplate mongo, CitizenRegistry registry, OutboxRelay relay, Clock clock,
      @Value("${platform.import.max-size:1GB}") DataSize maxSize,
      @Value("${platform.import.batch-size:500}") int batchSize) {
    this.mongo = mongo;
    this.registry = registry;
    this.relay = relay;
    this.clock = clock;
    this.maxBytes = maxSize.toBytes();
    this.batchSize = batchSize;
    mongo.indexOps(ImportErrorDocument.COLLECTION)
        .createIndex(new Index("jobId", Sort.Direction.ASC).on("row", Sort.Direction.ASC).named("job_row"));
  }

  /**
   * Jobs whose process stopped are resumed here, as far as this replica has room ({@link #MAX_IN_HAND}). A job is
   * another replica's as long as that replica renews it ({@link #renewJobs}); one not renewed for
   * {@link #ABANDONED_AFTER} has lost its process. Only a job whose upload is not kept (one from before uploads
   * were kept, or one whose process stopped while keeping it, before its 202) is marked interrupted.
   */
  @EventListener(ApplicationReadyEvent.class)
  @Scheduled(initialDelayString = "PT1M", fixedDelayString = "PT1M")
  void takeOverAbandonedJobs() {
    try {
      takeOver();
    } catch (RuntimeException failed) {
      // MongoDB away at start or for a moment: the next minute tries again (a start must not fail on it)
      log.warn("abandoned citizen imports not taken over this time: {}", failed.getClass().getName());
    }
  }

  private void takeOver() {
    forgetFinishedUploads();
    long marked = interruptAbandoned();
    if (marked > 0) {
      log.info("{} citizen import(s) marked interrupted: their process stopped before their upload was kept",
          marked);
    }
    while (inHand.tryAcquire()) {
      Document job;
      try {
        job = claimAbandoned();
      } catch (RuntimeException failed) {
        inHand.release();
        throw failed;
      }
      if (job == null) {
        inHand.release();
        break;
      }
      String id = job.getString("_id");
      if (number(job, "takeovers") > MAX_TAKEOVERS) {
        inHand.release();
        mongo.remove(query(where("jobId").is(id).and("row").gt(number(job, "resumeRow"))), ImportErrorDocument.class);
        log.warn("citizen import {} failed: its process stopped {} times during it", id, MAX_TAKEOVERS + 1);
        finish(id, counts(job), ImportJobDocument.FAILED, "the import stopped its service " + (MAX_TAKEOVERS + 1)
            + " times at row " + (number(job, "resumeRow") + 1) + " or after; split the file there and send the "
            + "parts again: imported rows count as duplicates");
        continue;
      }
      log.info("citizen import {} resumed after row {}: its process stopped", id, number(job, "resumeRow"));
      queue(id);
    }
  }

  /**
   * Deletes the uploads of ended jobs that are still there: their end was recorded, then deleting them failed
   * (MongoDB away for a moment). Up to 1 GB of citizens' data each, kept for nothing.
   */
  private void forgetFinishedUploads() {
    for (Document job : mongo.find(query(where("status").ne(ImportJobDocument.RUNNING).and("kept").is(true)),
        Document.class, ImportJobDocument.COLLECTION)) {
      forgetUpload(job.getString("_id"), chunksOf(number(job, "bytes")));
      mongo.updateFirst(query(where("_id").is(job.getString("_id"))), new Update().set("kept", false),
          ImportJobDocument.class);
    }
  }

  /** Marks the abandoned jobs whose upload is not kept, and deletes what was kept of it; returns how many. */
  long interruptAbandoned() {
    org.springframework.data.mongodb.core.query.Query unkept = query(where("status").is(ImportJobDocument.RUNNING)
        .and("updatedAt").lt(now().minus(ABANDONED_AFTER)).and("kept").ne(true));
    List<Document> jobs = mongo.find(unkept, Document.class, ImportJobDocument.COLLECTION);
    long marked = 0;
    for (Document job : jobs) {
      long changed = mongo.updateFirst(query(where("_id").is(job.getString("_id")).and("status")
              .is(ImportJobDocument.RUNNING).and("kept").ne(true).and("updatedAt").lt(now().minus(ABANDONED_AFTER))),
          new Update().set("status", ImportJobDocument.INTERRUPTED).set("failure",
              "the service stopped during the import; send the same file again: imported rows count as duplicates"),
          ImportJobDocument.class).getModifiedCount();
      if (changed == 1) {
        // only a job this call ended: one kept meanwhile is being imported
        forgetUpload(job.getString("_id"), maxChunks());
      }
      marked += changed;
    }
    return marked;
  }

  /**
   * Takes over one abandoned job whose upload is kept, in one compare-and-set that makes this process its owner and
   * counts the takeover; null when there is none.
   */
  private Document claimAbandoned() {
    return mongo.findAndModify(query(where("status").is(ImportJobDocument.RUNNING).and("kept").is(true)
            .and("updatedAt").lt(now().minus(ABANDONED_AFTER))),
        new Update().set("updatedAt", now()).set("owner", owner).inc("takeovers", 1),
        org.springframework.data.mongodb.core.FindAndModifyOptions.options().returnNew(true), Document.class,
        ImportJobDocument.COLLECTION);
  }

  /** This process's jobs, running or queued behind one, renewed so no other replica takes them for abandoned. */
  @Scheduled(fixedDelayString = "PT20S")
  void renewJobs() {
    if (!mine.isEmpty()) {
      mongo.updateMulti(query(where("_id").in(mine).and("status").is(ImportJobDocument.RUNNING).and("owner")
          .is(owner)), new Update().set("updatedAt", now()), ImportJobDocument.class);
    }
  }

  /** The job, as long as this process owns it. */
  private org.springframework.data.mongodb.core.query.Query owned(String jobId) {
    return query(where("_id").is(jobId).and("owner").is(owner).and("status").is(ImportJobDocument.RUNNING));
  }

  /** Another replica took the job over from this process, which paused too long: it stops. */
  private static final class JobLost extends RuntimeException {
    JobLost() {
      super(null, null, false, false);
    }
  }

  @PreDestroy
  void stop() {
    worker.shutdownNow();
  }

  /** Spools the upload to a temporary file, records the job and queues it; returns the job at once. */
  public ImportJobDocument start(InputStream body) {
    if (!inHand.tryAcquire()) {
      throw new ProblemException(BUSY, "This service holds " + MAX_IN_HAND + " imports already; send the file "
          + "again when one has finished (GET /api/v1/citizens/imports/{id}).");
    }
    boolean queued = false;
    try {
      ImportJobDocument job = spoolAndQueue(body);
      queued = true;
      return job;
    } finally {
      if (!queued) {
        inHand.release();
      }
    }
  }

  /**
   * Spools the upload, checks it, keeps it in MongoDB and records the job, which is then as good as done: from here
   * on a process that stops leaves it to be resumed. Only then is the spooled file deleted.
   */
  private ImportJobDocument spoolAndQueue(InputStream body) {
    Path file;
    long bytes;
    try {
      file = Files.createTempFile("citizen-import-", ".csv");
      try (OutputStream out = Files.newOutputStream(file)) {
        bytes = copyLimited(body, out);
      } catch (IOException | RuntimeException e) {
        Files.deleteIfExists(file);
        throw e;
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    checkHeader(file);
    Instant now = now();
    ImportJobDocument job = new ImportJobDocument(UUID.randomUUID().toString(), ImportJobDocument.RUNNING, bytes, 0,
        0, 0, 0, now, now, null, null);
    try {
      // the job first, not yet kept: a process that stops while keeping the upload leaves a job that is marked
      // interrupted, and its chunks deleted, instead of chunks nobody finds
      mine.add(job.id());
      mongo.insert(job);
      mongo.updateFirst(query(where("_id").is(job.id())), new Update().set("owner", owner), ImportJobDocument.class);
      keep(job.id(), file);
      if (mongo.updateFirst(owned(job.id()), new Update().set("kept", true).set("resumeRow", 0L)
          .set("reportedErrors", 0L).set("takeovers", 0), ImportJobDocument.class).getMatchedCount() == 0) {
        // marked interrupted while it was being kept (this process paused past ABANDONED_AFTER)
        throw new IllegalStateException("import " + job.id() + " was given up while its upload was kept");
      }
    } catch (RuntimeException failed) {
      // its place is given back: so is its disk, or retries would fill it behind the limit
      mine.remove(job.id());
      delete(file);
      try {
        mongo.remove(query(where("_id").is(job.id())), ImportJobDocument.class);
        forgetUpload(job.id(), chunksOf(bytes));
      } catch (RuntimeException stillFailing) {
        failed.addSuppressed(stillFailing); // not renewed, the job is marked interrupted and its chunks deleted
      }
      throw failed;
    } finally {
      delete(file);
    }
    log.info("citizen import {} received ({} bytes)", job.id(), bytes);
    queue(job.id());
    return job;
  }

  /** Hands a job in hand (its place taken) to the worker. */
  private void queue(String jobId) {
    mine.add(jobId);
    try {
      worker.execute(() -> {
        try {
          run(jobId);
        } finally {
          mine.remove(jobId);
          inHand.release();
        }
      });
    } catch (java.util.concurrent.RejectedExecutionException stopping) {
      // the service is stopping: not renewed, the job is resumed by another replica or the next start
      mine.remove(jobId);
      inHand.release();
    }
  }

  /** Copies the spooled upload into {@link #CHUNKS}. */
  private void keep(String jobId, Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      for (int n = 0; ; n++) {
        byte[] data = in.readNBytes(CHUNK);
        if (data.length == 0) {
          return;
        }
        mongo.insert(new Document("_id", chunkId(jobId, n)).append("data", new org.bson.types.Binary(data)), CHUNKS);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String chunkId(String jobId, int n) {
    return jobId + ":" + n;
  }

  private static int chunksOf(long bytes) {
    return (int) ((bytes + CHUNK - 1) / CHUNK);
  }

  private int maxChunks() {
    return chunksOf(maxBytes);
  }

  /** Deletes a job's kept upload, by id: up to {@code chunks} of them. */
  private void forgetUpload(String jobId, int chunks) {
    for (int from = 0; from < chunks; from += 256) {
      List<String> ids = new ArrayList<>();
      for (int n = from; n < Math.min(chunks, from + 256); n++) {
        ids.add(chunkId(jobId, n));
      }
      mongo.remove(query(where("_id").in(ids)), CHUNKS);
    }
  }

  /** The kept upload, read chunk by chunk; a chunk missing before {@code bytes} were read is an error. */
  private InputStream upload(String jobId, long bytes) {
    return new InputStream() {
      private int next;
      private long read;
      private java.io.ByteArrayInputStream current = new java.io.ByteArrayInputStream(new byte[0]);

      @Override
      public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
      }

      @Override
      public int read(byte[] into, int offset, int length) {
        int n = current.read(into, offset, length);
        while (n < 0) {
          if (read >= bytes) {
            return -1;
          }
          Document chunk = mongo.findById(chunkId(jobId, next), Document.class, CHUNKS);
          if (chunk == null) {
            throw new UncheckedIOException(new IOException("chunk " + next + " of the upload of import " + jobId
                + " is missing"));
          }
          next++;
          current = new java.io.ByteArrayInputStream(chunk.get("data", org.bson.types.Binary.class).getData());
          n = current.read(into, offset, length);
        }
        read += n;
        return n;
      }
    };
  }

  public ImportJobDocument job(String id) {
    ImportJobDocument job = mongo.findById(id, ImportJobDocument.class);
    if (job == null) {
      throw new NotFoundException("No import with this id.");
    }
    return job;
  }

  /** Streams the error report of a job, row by row, to {@code sink}. */
  public void errors(String id, Consumer<ImportErrorDocument> sink) {
    job(id);
    mongo.stream(query(where("jobId").is(id)).with(Sort.by("row")), ImportErrorDocument.class).forEach(sink);
  }

  private long copyLimited(InputStream in, OutputStream out) throws IOException {
    byte[] buffer = new byte[64 * 1024];
    long total = 0;
    int n;
    while ((n = in.read(buffer)) > 0) {
      total += n;
      if (total > maxBytes) {
        throw new ProblemException(Problems.PAYLOAD_TOO_LARGE,
            "Imports are limited to " + DataSize.ofBytes(maxBytes).toMegabytes() + " MB; split the file.");
      }
      out.write(buffer, 0, n);
    }
    return total;
  }

  /**
   * Reads the whole upload once before it is taken: its header names the required columns, and every byte is
   * UTF-8. A spreadsheet saved as plain "CSV" (Windows-1252) or as UTF-16 would otherwise fail in the middle of
   * the job with rows already imported, or as a 500 here. 400 either way, and the upload is deleted.
   */
  private void checkHeader(Path file) {
    long tooLong;
    try {
      tooLong = firstLineLongerThan(file, MAX_LINE_BYTES);
    } catch (IOException e) {
      delete(file);
      throw new UncheckedIOException(e);
    }
    if (tooLong > 0) {
      delete(file);
      throw InvalidRequestException.of("body", "csv.line-too-long", "line " + tooLong + " is longer than "
          + MAX_LINE_BYTES + " bytes; a CSV of citizens has one citizen per line");
    }
    try (BufferedReader reader = new BufferedReader(new java.io.InputStreamReader(Files.newInputStream(file),
        StandardCharsets.UTF_8.newDecoder()))) {
      columns(reader.readLine());
      while (reader.readLine() != null) {
        // every line decodes
      }
    } catch (java.nio.charset.CharacterCodingException e) {
      long line = lineOfFirstNonUtf8Byte(file);
      delete(file);
      throw InvalidRequestException.of("body", "csv.not-utf-8", "the CSV is not UTF-8 (line " + line
          + " is the first that is not); save it as \"CSV UTF-8\" and send it again");
    } catch (IOException e) {
      delete(file);
      throw new UncheckedIOException(e);
    } catch (InvalidRequestException e) {
      delete(file);
      throw e;
    }
  }

  /**
   * Far longer than any citizen's row (a few hundred bytes). A file without line breaks (a binary or a JSON dump of
   * up to 1 GB) is refused before any line is read whole: read as one line it filled the heap, and every request of
   * the replica failed with it.
   */
  static final int MAX_LINE_BYTES = 64 * 1024;

  /** The line (from 1) that first passes {@code limit} bytes, or 0 when none does. */
  static long firstLineLongerThan(Path file, int limit) throws IOException {
    try (java.io.InputStream in = Files.newInputStream(file)) {
      byte[] buffer = new byte[64 * 1024];
      long line = 1;
      int length = 0;
      boolean afterCr = false;
      int n;
      while ((n = in.read(buffer)) > 0) {
        for (int i = 0; i < n; i++) {
          // lines end as the importing reader ends them: at LF, CR (old Mac Excel) or CRLF
          if (buffer[i] == '\n') {
            if (!afterCr) {
              line++;
            }
            afterCr = false;
            length = 0;
          } else if (buffer[i] == '\r') {
            line++;
            afterCr = true;
            length = 0;
          } else {
            afterCr = false;
            if (++length > limit) {
              return line;
            }
          }
        }
      }
      return 0;
    }
  }

  /** The line (from 1) holding the first byte that is not UTF-8; the reader above decodes ahead of its lines. */
  private static long lineOfFirstNonUtf8Byte(Path file) {
    java.nio.charset.CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder();
    java.nio.ByteBuffer in = java.nio.ByteBuffer.allocate(64 * 1024);
    java.nio.CharBuffer out = java.nio.CharBuffer.allocate(64 * 1024);
    long line = 1;
    try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(file)) {
      while (true) {
        boolean end = channel.read(in) < 0;
        in.flip();
        int from = in.position();
        java.nio.charset.CoderResult result = decoder.decode(in, out, end);
        for (int i = from; i < in.position(); i++) {
          line += in.get(i) == '\n' ? 1 : 0;
        }
        if (result.isError() || end) {
          return line;
        }
        out.clear();
        in.compact();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void delete(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException ignored) {
      // a temporary file; the OS cleans it
    }
  }

  /** The column index of each known field, from the header line; 400 when required columns are missing. */
  private static int[] columns(String header) {
    if (header == null) {
      throw InvalidRequestException.of("body", "csv.empty", "the CSV is empty; send a header line and rows");
    }
    List<String> names = CsvLine.split(header.replace("\uFEFF", "").strip());
    List<String> known = new ArrayList<>(REQUIRED_COLUMNS);
    known.addAll(OPTIONAL_COLUMNS);
    int[] index = new int[known.size()];
    List<FieldError> errors = new ArrayList<>();
    for (int i = 0; i < known.size(); i++) {
      index[i] = names == null ? -1 : names.stream().map(String::strip).toList().indexOf(known.get(i));
      if (index[i] < 0 && i < REQUIRED_COLUMNS.size()) {
        errors.add(new FieldError("header", "csv.missing-column", "the header lacks the column " + known.get(i)));
      }
    }
    if (!errors.isEmpty()) {
      throw new InvalidRequestException(errors);
    }
    return index;
  }

  /**
   * Imports a job's kept upload from the row after its {@code resumeRow}, with the counts it had reached: zero for a
   * new job, the last batch's for one resumed. Rows of a batch a stopped process had inserted but not yet counted
   * are counted as duplicates when resumed, and their reported errors are written again once only.
   */
  private void run(String jobId) {
    long started = System.nanoTime();
    Document job = mongo.findOne(owned(jobId), Document.class, ImportJobDocument.COLLECTION);
    if (job == null) {
      return; // ended, or taken over by another replica meanwhile
    }
    long resumeRow = number(job, "resumeRow");
    Counts counts = counts(job);
    // what a stopped process reported past the last batch it recorded (none for a new job)
    mongo.remove(query(where("jobId").is(jobId).and("row").gt(resumeRow)), ImportErrorDocument.class);
    try (BufferedReader reader = new BufferedReader(new java.io.InputStreamReader(upload(jobId,
        number(job, "bytes")), StandardCharsets.UTF_8.newDecoder()))) {
      int[] column = columns(reader.readLine());
      List<CitizenDocument> batch = new ArrayList<>(batchSize);
      List<Long> batchRows = new ArrayList<>(batchSize);
      List<ImportErrorDocument> errors = new ArrayList<>();
      String line;
      long row = 1;
      while ((line = reader.readLine()) != null) {
        row++;
        if (row <= resumeRow || line.isBlank()) {
          continue;
        }
        counts.rows++;
        try {
          batch.add(registry.newCitizen(request(line, column).validate(LocalDate.now(clock.withZone(JEMBER_TIME))),
              now()));
          batchRows.add(row);
        } catch (InvalidRequestException e) {
          counts.rejected++;
          int n = 0;
          for (FieldError error : e.errors()) {
            // one id per row and error: a process that lost its job and writes its last batch anyway adds none twice
            errors.add(new ImportErrorDocument(jobId + ":" + row + ":" + n++, jobId, row, error.field(), error.code(),
                error.message()));
          }
        }
        // rejected rows fill a batch too: a file of bad rows held every error in memory to its end, and 300 MB of
        // them took the service down with its heap
        if (batch.size() + errors.size() >= batchSize) {
          flush(jobId, batch, batchRows, errors, counts, row);
        }
        if (Thread.currentThread().isInterrupted()) {
          return; // shutting down: a replica resumes the job once nobody renews it
        }
      }
      flush(jobId, batch, batchRows, errors, counts, row);
      finish(jobId, counts, ImportJobDocument.COMPLETED, null);
      log.info("citizen import {} completed: {} rows, {} imported, {} duplicates, {} rejected in {} s", jobId,
          counts.rows, counts.imported, counts.duplicates, counts.rejected, (System.nanoTime() - started) / 1_000_000_000);
    } catch (JobLost lost) {
      log.warn("citizen import {} was taken over by another replica while this one paused; stopped here", jobId);
    } catch (IOException | RuntimeException e) {
      if (stopping(e)) {
        log.info("citizen import {} stopped with its service after {} rows; it is resumed by a replica", jobId,
            counts.rows);
        return;
      }
      if (ProblemResponses.storeAway(e)) {
        // a failover or a lost connection: not renewed from here on, the job is resumed in a few minutes
        log.warn("citizen import {} paused after {} rows: MongoDB failed ({}); it is resumed by a replica", jobId,
            counts.rows, e.getClass().getName());
        return;
      }
      log.error("citizen import {} failed after {} rows: {}", jobId, counts.rows, e.getClass().getName());
      try {
        finish(jobId, counts, ImportJobDocument.FAILED, "the import stopped at row " + (counts.rows + 1)
            + " on an internal error; send the same file again to import the rest");
      } catch (JobLost lost) {
        // another replica has it now
      }
    }
  }

  /**
   * Whether a failure is the service stopping (its worker interrupted mid-call), not the import's: the job is left
   * running, to be resumed, instead of failed.
   */
  private boolean stopping(Throwable e) {
    if (worker.isShutdown() || Thread.currentThread().isInterrupted()) {
      return true;
    }
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof InterruptedException || t instanceof java.io.InterruptedIOException
          || t instanceof java.nio.channels.ClosedByInterruptException
          || t instanceof com.mongodb.MongoInterruptedException) {
        return true;
      }
    }
    return false;
  }

  private static Counts counts(Document job) {
    Counts counts = new Counts();
    counts.rows = number(job, "rows");
    counts.imported = number(job, "imported");
    counts.duplicates = number(job, "duplicates");
    counts.rejected = number(job, "rejected");
    counts.reportedErrors = number(job, "reportedErrors");
    return counts;
  }

  private static long number(Document job, String field) {
    return job.get(field) instanceof Number n ? n.longValue() : 0;
  }

  private RegisterCitizenRequest request(String line, int[] column) {
    List<String> fields = CsvLine.split(line);
    if (fields == null) {
      throw InvalidRequestException.of("row", "csv.unclosed-quote", "a quoted field is not closed on its line");
    }
    return new RegisterCitizenRequest(field(fields, column[0]), field(fields, column[1]), field(fields, column[2]),
        field(fields, column[3]), field(fields, column[4]), field(fields, column[5]), field(fields, column[6]),
        field(fields, column[7]), null);
  }

  private static String field(List<String> fields, int index) {
    return index < 0 || index >= fields.size() ? null : fields.get(index).strip();
  }

  /** Imports a batch and records the counts and the row reached ({@code row}: a resume goes on after it). */
  private void flush(String jobId, List<CitizenDocument> batch, List<Long> rows, List<ImportErrorDocument> errors,
      Counts counts, long row) {
    if (!batch.isEmpty()) {
      int duplicates = 0;
      try {
        mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, CitizenDocument.class).insert(batch).execute();
      } catch (RuntimeException e) {
        duplicates = duplicateCount(e, batch.size());
      }
      counts.imported += batch.size() - duplicates;
      counts.duplicates += duplicates;
      relay.wake(CitizenDocument.COLLECTION, batch.stream().map(CitizenDocument::id).toList());
    }
    if (!errors.isEmpty() && counts.reportedErrors < MAX_REPORTED_ERRORS) {
      List<ImportErrorDocument> kept = errors.subList(0,
          (int) Math.min(errors.size(), MAX_REPORTED_ERRORS - counts.reportedErrors));
      try {
        mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, ImportErrorDocument.class).insert(kept).execute();
      } catch (RuntimeException e) {
        duplicateCount(e, kept.size()); // written already; anything else is rethrown
      }
      counts.reportedErrors += kept.size();
    }
    batch.clear();
    rows.clear();
    errors.clear();
    if (mongo.updateFirst(owned(jobId), new Update().set("rows", counts.rows)
        .set("imported", counts.imported).set("duplicates", counts.duplicates).set("rejected", counts.rejected)
        .set("reportedErrors", counts.reportedErrors).set("resumeRow", row).set("updatedAt", now())
        // a job that gets further is no file that stops its process: only takeovers without progress count
        .set("takeovers", 0), ImportJobDocument.class).getMatchedCount() == 0) {
      throw new JobLost();
    }
  }

  /** Rows the unordered bulk insert refused because the NIK is registered; rethrows any other failure. */
  private static int duplicateCount(RuntimeException e, int attempted) {
    Throwable cause = e;
    while (cause != null && !(cause instanceof MongoBulkWriteException)) {
      cause = cause.getCause();
    }
    if (cause instanceof MongoBulkWriteException bulk
        && bulk.getWriteErrors().stream().allMatch(w -> w.getCode() == 11000)) {
      return Math.min(attempted, bulk.getWriteErrors().size());
    }
    if (e instanceof DuplicateKeyException) {
      return 1;
    }
    throw e;
  }

  /** Ends a job this process owns, and deletes its upload; nothing when another replica took the job over. */
  private void finish(String jobId, Counts counts, String status, String failure) {
    Instant now = now();
    if (mongo.updateFirst(owned(jobId), new Update().set("status", status).set("rows", counts.rows)
        .set("imported", counts.imported).set("duplicates", counts.duplicates).set("rejected", counts.rejected)
        .set("updatedAt", now).set("finishedAt", now).set("failure", failure), ImportJobDocument.class)
        .getMatchedCount() == 0) {
      throw new JobLost();
    }
    ImportJobDocument job = mongo.findById(jobId, ImportJobDocument.class);
    forgetUpload(jobId, job == null ? maxChunks() : chunksOf(job.bytes()));
    // deleted: should it have failed, the next minute's task deletes what is left ({@link #forgetFinishedUploads})
    mongo.updateFirst(query(where("_id").is(jobId)), new Update().set("kept", false), ImportJobDocument.class);
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }

  private static final class Counts {
    long rows;
    long imported;
    long duplicates;
    long rejected;
    long reportedErrors;
  }
}
