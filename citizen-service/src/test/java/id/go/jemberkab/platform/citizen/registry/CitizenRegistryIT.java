package id.go.jemberkab.platform.citizen.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import id.go.jemberkab.platform.citizen.CitizenServiceIT;
import id.go.jemberkab.platform.contracts.CloudEventHeaders;
import id.go.jemberkab.platform.contracts.EventSchemas;
import id.go.jemberkab.platform.contracts.EventType;
import id.go.jemberkab.platform.testsupport.Http;
import id.go.jemberkab.platform.testsupport.SampleCitizens;
import id.go.jemberkab.platform.testsupport.TopicReader;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The registry beyond registration: updates with ETags, lookup, search, consents, export, erasure, import. */
@CitizenServiceIT
class CitizenRegistryIT {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  @LocalServerPort
  int port;

  @org.springframework.beans.factory.annotation.Autowired
  org.springframework.data.mongodb.core.MongoTemplate mongo;

  @org.springframework.beans.factory.annotation.Autowired
  CitizenImports imports;

  @Value("${spring.kafka.bootstrap-servers}")
  String bootstrap;

  @Test
  void updatesWithTheCurrentEtagAndRefusesALostUpdate() {
    JsonNode citizen = register("35.09.19.1001");
    String url = url("/api/v1/citizens/" + citizen.path("id").asString());
    String move = """
        {"name":"Budi Santoso","desaCode":"35.09.01.2001","address":"Dusun Krajan, RT 01/RW 03","phone":null,"email":null}""";

    assertThat(Http.request("PUT", url, move).statusCode()).isEqualTo(428);
    HttpResponse<String> updated = Http.request("PUT", url, move, "If-Match", "\"1\"");
    assertThat(updated.statusCode()).as(updated.body()).isEqualTo(200);
    assertThat(updated.headers().firstValue("ETag")).contains("\"2\"");
    assertThat(JSON.readTree(updated.body()).path("kecamatanCode").asString()).isEqualTo("35.09.01");

    HttpResponse<String> stale = Http.request("PUT", url, move.replace("Krajan", "Kidul"), "If-Match", "\"1\"");
    assertThat(stale.statusCode()).isEqualTo(412);
    assertThat(JSON.readTree(stale.body()).path("type").asString()).endsWith("/precondition-failed");
    assertThat(JSON.readTree(Http.get(url).body()).path("address").asString()).isEqualTo("Dusun Krajan, RT 01/RW 03");

    String ref = citizen.path("citizenRef").asString();
    JsonNode event = await().atMost(Duration.ofSeconds(10)).until(() -> eventsOf(ref, EventType.CITIZEN_UPDATED),
        e -> e.size() == 1).get(0);
    assertThat(event.path("changed").valueStream().map(JsonNode::asString).toList())
        .containsExactlyInAnyOrder("name", "desaCode", "address", "phone");
    assertThat(event.toString()).doesNotContain("Krajan");
  }

  @Test
  void rejectsAnUpdateThatTriesToChangeTheNik() {
    JsonNode citizen = register("35.09.19.1001");
    HttpResponse<String> response = Http.request("PUT", url("/api/v1/citizens/" + citizen.path("id").asString()),
        "{\"nik\":\"3509191708900001\",\"name\":\"X\",\"desaCode\":\"35.09.19.1001\"}", "If-Match", "\"1\"");
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(response.body()).path("errors").get(0).path("code").asString()).isEqualTo("unknown-field");
  }

  @Test
  void findsACitizenByTheNikInTheBodyAndSaysWhenThereIsNone() {
    String nik = SampleCitizens.nik(LocalDate.of(1985, 3, 4), true);
    String body = SampleCitizens.registration(nik, LocalDate.of(1985, 3, 4), true, "35.09.19.1002");
    assertThat(Http.post(url("/api/v1/citizens"), body).statusCode()).isEqualTo(201);

    HttpResponse<String> found = Http.post(url("/api/v1/citizens/lookup"), "{\"nik\":\"" + nik + "\"}");
    assertThat(found.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(found.body()).path("sex").asString()).isEqualTo("FEMALE");
    String unknown = SampleCitizens.nik(LocalDate.of(1901, 1, 1), false);
    assertThat(Http.post(url("/api/v1/citizens/lookup"), "{\"nik\":\"" + unknown + "\"}").statusCode()).isEqualTo(404);
    assertThat(Http.post(url("/api/v1/citizens/lookup"), "{\"nik\":\"123\"}").statusCode()).isEqualTo(400);
  }

  @Test
  void searchesByDesaPageByPageAndRefusesHugePages() {
    String desa = "35.09.31.2005";
    for (int i = 0; i < 3; i++) {
      register(desa);
    }
    JsonNode first = JSON.readTree(Http.get(url("/api/v1/citizens?desa=" + desa + "&size=2")).body());
    assertThat(first.path("total").asLong()).isGreaterThanOrEqualTo(3);
    assertThat(first.path("items")).hasSize(2);
    JsonNode second = JSON.readTree(Http.get(url("/api/v1/citizens?desa=" + desa + "&size=2&page=1")).body());
    assertThat(second.path("items").get(0).path("id").asString())
        .isNotIn(first.path("items").get(0).path("id").asString(), first.path("items").get(1).path("id").asString());
    assertThat(Http.get(url("/api/v1/citizens?size=100000")).statusCode()).isEqualTo(400);
    assertThat(Http.get(url("/api/v1/citizens?kecamatan=35.09.99")).statusCode()).isEqualTo(400);
    assertThat(Http.get(url("/api/v1/citizens?page=abc")).statusCode()).isEqualTo(400);
  }

  @Test
  void keepsConsentPerPurposeWithItsHistoryAndPublishesTheChange() {
    JsonNode citizen = register("35.09.19.1001");
    String consents = url("/api/v1/citizens/" + citizen.path("id").asString() + "/consents");

    HttpResponse<String> granted = Http.request("PUT", consents + "/research", "{\"granted\":true,\"source\":\"portal\"}");
    assertThat(granted.statusCode()).as(granted.body()).isEqualTo(200);
    Http.request("PUT", consents + "/research", "{\"granted\":false}");

    JsonNode now = JSON.readTree(Http.get(consents).body());
    Map<String, Boolean> current = now.path("consents").valueStream()
        .collect(Collectors.toMap(c -> c.path("purpose").asString(), c -> c.path("granted").asBoolean()));
    assertThat(current).containsEntry("service-delivery", true).containsEntry("research", false)
        .containsEntry("event-notification", false);
    assertThat(now.path("history").valueStream().map(h -> h.path("purpose").asString() + "=" + h.path("granted"))
        .toList()).containsExactly("service-delivery=true", "research=true", "research=false");
    assertThat(Http.request("PUT", consents + "/marketing", "{\"granted\":true}").statusCode()).isEqualTo(400);

    String ref = citizen.path("citizenRef").asString();
    await().atMost(Duration.ofSeconds(10)).until(() -> eventsOf(ref, EventType.CONSENT_CHANGED), e -> e.size() == 2);
  }

  @Test
  void exportsEverythingAndErasesThePersonalDataKeepingThePseudonym() {
    JsonNode citizen = register("35.09.19.1001");
    String id = citizen.path("id").asString();
    String ref = citizen.path("citizenRef").asString();

    HttpResponse<String> export = Http.get(url("/api/v1/citizens/" + id + "/export"));
    assertThat(export.statusCode()).isEqualTo(200);
    JsonNode exported = JSON.readTree(export.body());
    assertThat(exported.path("citizen").path("nik").asString()).isEqualTo(citizen.path("nik").asString());
    assertThat(exported.has("consents")).isTrue();
    assertThat(exported.has("serviceRequests")).isTrue();
    assertThat(exported.has("eventRegistrations")).isTrue();

    HttpResponse<String> erased = Http.request("DELETE", url("/api/v1/citizens/" + id), null);
    assertThat(erased.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(erased.body()).path("citizenRef").asString()).isEqualTo(ref);
    assertThat(Http.get(url("/api/v1/citizens/" + id)).statusCode()).isEqualTo(410);
    assertThat(Http.post(url("/api/v1/citizens/lookup"), "{\"nik\":\"" + citizen.path("nik").asString() + "\"}")
        .statusCode()).isEqualTo(404);
    assertThat(Http.request("DELETE", url("/api/v1/citizens/" + id), null).statusCode()).isEqualTo(200);

    List<JsonNode> erasures = await().atMost(Duration.ofSeconds(10))
        .until(() -> eventsOf(ref, EventType.CITIZEN_ERASED), e -> e.size() == 1);
    assertThat(erasures.get(0).path("citizenRef").asString()).isEqualTo(ref);
  }

  @Test
  void importsACsvWithProgressReportsBadRowsAndAddsNothingTwiceOnARerun() {
    StringBuilder csv = new StringBuilder("nik,name,birthDate,sex,desaCode,address,phone\n");
    for (int i = 0; i < 40; i++) {
      LocalDate born = LocalDate.of(1970, 1, 1).plusDays(i * 97L);
      csv.append(SampleCitizens.nik(born, false)).append(",Warga Impor,").append(born).append(",MALE,35.09.20.1001,")
          .append("\"Jl. Mawar, RT 0").append(i % 9 + 1).append("\",\n");
    }
    csv.append("3509191708900000,Serial Nol,1990-08-17,MALE,35.09.20.1001,,\n");
    csv.append("35091917089000,Terlalu Pendek,1990-08-17,MALE,35.09.20.1001,,\n");
    csv.append("3509191708900001,Bukan Desa,1990-08-17,MALE,35.09.20,,\n");

    JsonNode first = runImport(csv.toString());
    assertThat(first.path("rows").asLong()).isEqualTo(43);
    assertThat(first.path("rejected").asLong()).isEqualTo(3);
    assertThat(first.path("imported").asLong() + first.path("duplicates").asLong()).isEqualTo(40);
    String report = Http.get(url("/api/v1/citizens/imports/" + first.path("id").asString() + "/errors")).body();
    assertThat(report.lines().skip(1).map(l -> l.split(",")[0]).distinct().toList()).containsExactly("42", "43", "44");
    assertThat(report).doesNotContain("3509191708900000").doesNotContain("Serial Nol");

    assertThat(mongo.findById(first.path("id").asString() + ":0", org.bson.Document.class, CitizenImports.CHUNKS))
        .as("the upload is kept until the import ends").isNull();

    JsonNode again = runImport(csv.toString());
    assertThat(again.path("imported").asLong()).isZero();
    assertThat(again.path("duplicates").asLong()).isEqualTo(40);
  }

  /**
   * Each import in hand is a file of up to 1 GB on the temporary disk: a replica holding its limit refuses the
   * next with a 429 before spooling a byte, and takes imports again once one has finished.
   */
  @Test
  void aReplicaHoldingItsImportsRefusesAnotherUntilOneHasFinished() throws InterruptedException {
    LocalDate born = LocalDate.of(1983, 5, 6);
    String csv = "nik,name,birthDate,sex,desaCode\n" + SampleCitizens.nik(born, false) + ",Warga Antre," + born
        + ",MALE,35.09.20.1001\n";
    int held = CitizenImports.MAX_IN_HAND;
    // as if that many large uploads were spooled and waiting for the one worker
    // (an import just completed gives its place back a moment after it says so)
    assertThat(imports.inHand.tryAcquire(held, 10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    try {
      long jobs = mongo.getCollection("citizen_imports").countDocuments();
      HttpResponse<String> busy = Http.send(java.net.http.HttpRequest.newBuilder(
              java.net.URI.create(url("/api/v1/citizens/imports"))).header("Content-Type", "text/csv")
          .POST(java.net.http.HttpRequest.BodyPublishers.ofString(csv)));
      assertThat(busy.statusCode()).as(busy.body()).isEqualTo(429);
      assertThat(JSON.readTree(busy.body()).path("type").asString()).endsWith("/problems/imports-busy");
      assertThat(mongo.getCollection("citizen_imports").countDocuments()).isEqualTo(jobs);
    } finally {
      imports.inHand.release(held);
    }
    JsonNode done = runImport(csv);
    assertThat(done.path("rows").asLong()).isEqualTo(1);
    // the finished import gave its place back
    await().atMost(Duration.ofSeconds(10)).until(() -> imports.inHand.availablePermits() == held);
  }

  /**
   * Excel's plain "CSV" is Windows-1252: an é in an address (0xE9) made the upload a 500, or, further down the
   * file, failed the job with part of it imported.
   */
  @Test
  void refusesACsvThatIsNotUtf8BeforeImportingAnyOfIt() {
    LocalDate born = LocalDate.of(1981, 3, 4);
    String rows = "nik,name,birthDate,sex,desaCode,address\n"
        + SampleCitizens.nik(born, false) + ",Warga Satu," + born + ",MALE,35.09.20.1001,Jl. Mawar\n"
        + SampleCitizens.nik(born, true) + ",Warga Dua," + born + ",FEMALE,35.09.20.1001,Jl. Caf\u00e9\n";
    long citizens = mongo.getCollection("citizens").countDocuments();
    long jobs = mongo.getCollection("citizen_imports").countDocuments();
    HttpResponse<String> response = Http.send(java.net.http.HttpRequest.newBuilder(
            java.net.URI.create(url("/api/v1/citizens/imports"))).header("Content-Type", "text/csv")
        .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(
            rows.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1))));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
    assertThat(response.body()).contains("csv.not-utf-8").contains("line 3 is the first");
    assertThat(mongo.getCollection("citizens").countDocuments()).isEqualTo(citizens);
    assertThat(mongo.getCollection("citizen_imports").countDocuments()).isEqualTo(jobs);
  }

  /** A file without line breaks was read as one line, and a large one filled the heap. */
  @Test
  void refusesACsvWithALineNoCitizenRowCouldFill() {
    LocalDate born = LocalDate.of(1981, 3, 4);
    String rows = "nik,name,birthDate,sex,desaCode,address\n"
        + SampleCitizens.nik(born, false) + ",Warga Satu," + born + ",MALE,35.09.20.1001,Jl. Mawar\n"
        + "x".repeat(CitizenImports.MAX_LINE_BYTES + 1) + "\n";
    long jobs = mongo.getCollection("citizen_imports").countDocuments();
    HttpResponse<String> response = Http.send(java.net.http.HttpRequest.newBuilder(
            java.net.URI.create(url("/api/v1/citizens/imports"))).header("Content-Type", "text/csv")
        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(rows)));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
    assertThat(response.body()).contains("csv.line-too-long").contains("line 3 is longer");
    assertThat(mongo.getCollection("citizen_imports").countDocuments()).isEqualTo(jobs);
  }

  /** Lines end at LF, CRLF or a lone CR (old Mac Excel), as the importer reads them: the limit is per line. */
  @Test
  void countsLinesAsTheImporterReadsThem() throws Exception {
    java.nio.file.Path file = java.nio.file.Files.createTempFile("lines", ".csv");
    try {
      String row = "x".repeat(40_000);
      java.nio.file.Files.writeString(file, row + "\r" + row + "\r\n" + row + "\n" + row);
      assertThat(CitizenImports.firstLineLongerThan(file, 40_000)).isZero();
      java.nio.file.Files.writeString(file, row + "\r\n" + row + "\r" + row + "x\n");
      assertThat(CitizenImports.firstLineLongerThan(file, 40_000)).isEqualTo(3);
    } finally {
      java.nio.file.Files.deleteIfExists(file);
    }
  }

  /**
   * A replica starting (a rolling deploy) marked every running import interrupted, the other replicas' too, and
   * their clients sent their files again. Only an import nobody has renewed for two minutes is interrupted now.
   */
  @Test
  void onlyAnImportWhoseProcessStoppedIsMarkedInterrupted() {
    java.time.Instant now = java.time.Instant.now();
    ImportJobDocument elsewhere = new ImportJobDocument("job-" + java.util.UUID.randomUUID(), "running", 100, 1, 1, 0, 0,
        now.minusSeconds(600), now.minusSeconds(10), null, null);
    ImportJobDocument abandoned = new ImportJobDocument("job-" + java.util.UUID.randomUUID(), "running", 100, 1, 1, 0,
        0, now.minusSeconds(600), now.minus(CitizenImports.ABANDONED_AFTER).minusSeconds(5), null, null);
    mongo.insert(elsewhere);
    mongo.insert(abandoned);
    imports.takeOverAbandonedJobs();
    assertThat(mongo.findById(elsewhere.id(), ImportJobDocument.class).status()).isEqualTo("running");
    assertThat(mongo.findById(abandoned.id(), ImportJobDocument.class).status()).isEqualTo("interrupted");
    mongo.remove(elsewhere);
  }

  /**
   * An import whose process stopped (a rolling deploy, a scale-down, a crash) is resumed by a replica from the row
   * its last batch reached, reading the upload kept in MongoDB: before, the 202 was broken and the client had to
   * send the file again.
   */
  @Test
  void anImportWhoseProcessStoppedIsResumedFromTheRowItsLastBatchReached() {
    LocalDate born = LocalDate.of(1962, 7, 14);
    String skipped1 = SampleCitizens.nik(born, false);
    String skipped2 = SampleCitizens.nik(born.plusDays(1), false);
    String resumed1 = SampleCitizens.nik(born.plusDays(2), true);
    String resumed2 = SampleCitizens.nik(born.plusDays(3), false);
    String csv = "nik,name,birthDate,sex,desaCode,address\n"
        + skipped1 + ",Warga Lama," + born + ",MALE,35.09.20.1001,Jl. Mawar\n" // line 2
        + "3509,Baris Buruk,1962-07-15,MALE,35.09.20.1001,\n" // line 3: reported by the stopped process
        + skipped2 + ",Warga Lama," + born.plusDays(1) + ",MALE,35.09.20.1001,Jl. Mawar\n" // line 4: last batch's
        + resumed1 + ",Warga Baru," + born.plusDays(2) + ",FEMALE,35.09.20.1001,Jl. Caf\u00e9\n"
        + "3509,Baris Buruk Lagi,1962-07-18,MALE,35.09.20.1001,\n" // line 6
        + resumed2 + ",Warga Baru," + born.plusDays(3) + ",MALE,35.09.20.1001,Jl. Melati\n";
    byte[] bytes = csv.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    String jobId = "job-" + java.util.UUID.randomUUID();
    // kept in three chunks, the second boundary inside the two bytes of the é
    int cafe = csv.indexOf("Caf\u00e9") + 3;
    int[] cuts = {0, 40, csv.substring(0, cafe).getBytes(java.nio.charset.StandardCharsets.UTF_8).length + 1,
        bytes.length};
    for (int n = 0; n < 3; n++) {
      mongo.insert(new org.bson.Document("_id", jobId + ":" + n).append("data",
          new org.bson.types.Binary(java.util.Arrays.copyOfRange(bytes, cuts[n], cuts[n + 1]))), CitizenImports.CHUNKS);
    }
    // the stopped process's reports: line 3 counted, line 6 written just before it stopped and not yet counted
    mongo.insert(new ImportErrorDocument(null, jobId, 3, "nik", "nik.invalid", "x"));
    mongo.insert(new ImportErrorDocument(null, jobId, 6, "nik", "nik.invalid", "x"));
    // rows 2-4 reached: 3 rows, 2 imported, 1 rejected and reported
    abandonedJob(jobId, bytes.length, 0, new org.bson.Document("resumeRow", 4L).append("rows", 3L)
        .append("imported", 2L).append("rejected", 1L).append("reportedErrors", 1L));

    imports.takeOverAbandonedJobs();

    JsonNode job = await().atMost(Duration.ofSeconds(30)).until(
        () -> JSON.readTree(Http.get(url("/api/v1/citizens/imports/" + jobId)).body()),
        j -> !j.path("status").asString().equals("running"));
    assertThat(job.path("status").asString()).as(job.toString()).isEqualTo("completed");
    assertThat(job.path("rows").asLong()).isEqualTo(6);
    assertThat(job.path("imported").asLong()).isEqualTo(4);
    assertThat(job.path("rejected").asLong()).isEqualTo(2);
    String report = Http.get(url("/api/v1/citizens/imports/" + jobId + "/errors")).body();
    assertThat(report.lines().skip(1).map(l -> l.split(",")[0]).toList()).as(report).containsExactly("3", "6");
    for (String nik : List.of(resumed1, resumed2)) {
      assertThat(Http.post(url("/api/v1/citizens/lookup"), "{\"nik\":\"" + nik + "\"}").statusCode()).isEqualTo(200);
    }
    for (String nik : List.of(skipped1, skipped2)) {
      assertThat(Http.post(url("/api/v1/citizens/lookup"), "{\"nik\":\"" + nik + "\"}").statusCode())
          .as("imported before the stop, not read again").isEqualTo(404);
    }
    assertThat(mongo.findById(jobId + ":0", org.bson.Document.class, CitizenImports.CHUNKS))
        .as("the upload is deleted with the import's end").isNull();
    assertThat(mongo.findById(jobId, org.bson.Document.class, ImportJobDocument.COLLECTION).get("takeovers"))
        .as("a takeover that got further does not count towards the limit").isEqualTo(0);
  }

  /**
   * A job that keeps stopping its process (a file no replica can import: it filled the heap) is failed after
   * {@value CitizenImports#MAX_TAKEOVERS} takeovers instead of taking down replica after replica; an upload missing a
   * chunk fails instead of passing for whole.
   */
  @Test
  void anImportThatKeepsStoppingItsProcessOrLostPartOfItsUploadFails() {
    LocalDate born = LocalDate.of(1963, 2, 3);
    byte[] csv = ("nik,name,birthDate,sex,desaCode\n" + SampleCitizens.nik(born, false) + ",Warga," + born
        + ",MALE,35.09.20.1001\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
    String stopping = "job-" + java.util.UUID.randomUUID();
    String truncated = "job-" + java.util.UUID.randomUUID();
    String ended = "job-" + java.util.UUID.randomUUID();
    for (String id : List.of(stopping, truncated, ended)) {
      mongo.insert(new org.bson.Document("_id", id + ":0").append("data", new org.bson.types.Binary(csv)),
          CitizenImports.CHUNKS);
    }
    abandonedJob(stopping, csv.length, CitizenImports.MAX_TAKEOVERS, new org.bson.Document());
    // as if 1 MB and one byte: two chunks, of which the second is gone
    abandonedJob(truncated, CitizenImports.CHUNK + 1L, 0, new org.bson.Document());
    // an ended job whose upload could not be deleted at its end (MongoDB away for a moment)
    abandonedJob(ended, csv.length, 0, new org.bson.Document("status", "completed"));

    imports.takeOverAbandonedJobs();

    assertThat(mongo.findById(ended + ":0", org.bson.Document.class, CitizenImports.CHUNKS))
        .as("an ended job's upload is deleted by the next round").isNull();
    for (String id : List.of(stopping, truncated)) {
      JsonNode job = await().atMost(Duration.ofSeconds(30)).until(
          () -> JSON.readTree(Http.get(url("/api/v1/citizens/imports/" + id)).body()),
          j -> !j.path("status").asString().equals("running"));
      assertThat(job.path("status").asString()).as(job.toString()).isEqualTo("failed");
    }
    assertThat(JSON.readTree(Http.get(url("/api/v1/citizens/imports/" + stopping)).body()).path("failure")
        .asString()).contains("split the file");
    assertThat(mongo.findById(stopping + ":0", org.bson.Document.class, CitizenImports.CHUNKS)).isNull();
  }

  /**
   * A running job with its upload kept, whose process stopped three minutes ago, written whole in one insert (the
   * service's own minute task may look at any moment), with {@code fields} over the defaults.
   */
  private void abandonedJob(String jobId, long bytes, int takeovers, org.bson.Document fields) {
    java.time.Instant now = java.time.Instant.now();
    org.bson.Document job = new org.bson.Document("_id", jobId).append("status", "running").append("bytes", bytes)
        .append("rows", 0L).append("imported", 0L).append("duplicates", 0L).append("rejected", 0L)
        .append("startedAt", java.util.Date.from(now.minusSeconds(600)))
        .append("updatedAt", java.util.Date.from(now.minus(CitizenImports.ABANDONED_AFTER).minusSeconds(60)))
        .append("kept", true).append("resumeRow", 0L).append("reportedErrors", 0L).append("takeovers", takeovers)
        .append("owner", "a-stopped-process");
    job.putAll(fields);
    mongo.insert(job, ImportJobDocument.COLLECTION);
  }

  @Test
  void refusesACsvWithoutTheRequiredColumns() {
    HttpResponse<String> response = Http.request("POST", url("/api/v1/citizens/imports"), "nik,name\n1,2\n",
        "Content-Type", "text/csv");
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains("birthDate").contains("desaCode");
  }

  private JsonNode runImport(String csv) {
    HttpResponse<String> accepted = Http.request("POST", url("/api/v1/citizens/imports"), csv,
        "Content-Type", "text/csv");
    assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
    String job = url(accepted.headers().firstValue("Location").orElseThrow());
    return await().atMost(Duration.ofSeconds(30)).until(() -> JSON.readTree(Http.get(job).body()),
        j -> j.path("status").asString().equals("completed"));
  }

  private JsonNode register(String desaCode) {
    HttpResponse<String> created = Http.post(url("/api/v1/citizens"), SampleCitizens.registration(desaCode));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    return JSON.readTree(created.body());
  }

  private List<JsonNode> eventsOf(String citizenRef, EventType type) {
    EventSchemas schemas = EventSchemas.load();
    return TopicReader.readAll(bootstrap, "citizen.registry.v1").stream()
        .filter(r -> citizenRef.equals(r.key()))
        .filter(r -> CloudEventHeaders.read(r).type().equals(type.type()))
        .peek(r -> assertThat(schemas.violations(type, r.value())).isEmpty())
        .map(ConsumerRecord::value)
        .map(JSON::readTree)
        .toList();
  }

  private String url(String path) {
    return path.startsWith("http") ? path : "http://localhost:" + port + path;
  }
}
