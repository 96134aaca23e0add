package id.go.jemberkab.platform.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** Closed-loop load: {@code concurrency} workers, each sending its next request when the last returned. */
final class LoadRun {

  private final String name;
  private final HttpRequest request;
  private final HttpClient client;
  private final int concurrency;
  private final Compilers compilers;
  private final List<long[]> latencies = new ArrayList<>();
  private long elapsedNanos;
  private long errors;

  LoadRun(String name, URI uri, HttpClient client, int concurrency, Compilers compilers) {
    this(name, Bench.request(uri).timeout(Duration.ofSeconds(10)).GET().build(), client, concurrency, compilers);
  }

  LoadRun(String name, HttpRequest request, HttpClient client, int concurrency, Compilers compilers) {
    this.name = name;
    this.request = request;
    this.client = client;
    this.concurrency = concurrency;
    this.compilers = compilers;
  }

  /** Warms the target in chunks of {@code chunk} requests until it is warm ({@link Bench#warmUp}). */
  void warmUp(int chunk, int maxChunks) throws Exception {
    Bench.warmUp(name, "requests", chunk, maxChunks, compilers, () -> {
      long started = System.nanoTime();
      run(chunk);
      return chunk / ((System.nanoTime() - started) / 1e9);
    });
  }

  void measure(int requests) throws Exception {
    long started = System.nanoTime();
    Batch batch = run(requests);
    elapsedNanos += System.nanoTime() - started;
    latencies.add(batch.latencies());
    errors += batch.errors();
  }

  Result result() {
    int total = latencies.stream().mapToInt(l -> l.length).sum();
    long[] all = new long[total];
    int at = 0;
    for (long[] l : latencies) {
      System.arraycopy(l, 0, all, at, l.length);
      at += l.length;
    }
    return Result.of(name, all, elapsedNanos, errors);
  }

  private record Batch(long[] latencies, long errors) {
  }

  private Batch run(int requests) throws Exception {
    long[] samples = new long[requests];
    AtomicInteger next = new AtomicInteger();
    AtomicLong failed = new AtomicLong();
    ExecutorService workers = Executors.newFixedThreadPool(concurrency);
    try {
      List<Future<?>> running = new ArrayList<>();
      for (int w = 0; w < concurrency; w++) {
        running.add(workers.submit(() -> {
          int i;
          while ((i = next.getAndIncrement()) < requests) {
            long t0 = System.nanoTime();
            try {
              HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
              if (response.statusCode() != 200) {
                failed.incrementAndGet();
              }
            } catch (Exception e) {
              failed.incrementAndGet();
            }
            samples[i] = System.nanoTime() - t0;
          }
          return null;
        }));
      }
      for (Future<?> f : running) {
        f.get();
      }
    } finally {
      workers.shutdownNow();
    }
    return new Batch(samples, failed.get());
  }
}
