package id.go.jemberkab.platform.bench;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The web portal's reads: publishes {@code items} items (news and local products, with Indonesian and English
 * text), then measures reading one item by slug and searching the list, straight from content-service and
 * through the gateway, in the same run. The figure that matters is the p99 the portal sees through the gateway.
 */
final class ContentRead {

  private static final String[] EDITOR = {"X-Client-Id", "bench-editor", "X-Client-Scopes",
      "content:write content:publish"};
  private static final String[] WORDS = {"kopi", "tembakau", "edamame", "batik", "jeruk", "durian", "madu",
      "keripik", "tape", "suwar-suwir"};

  private ContentRead() {
  }

  static boolean run(Bench.Target target, String content, int items, int requests, int rounds, int concurrency)
      throws Exception {
    String run = UUID.randomUUID().toString().substring(0, 6);
    System.out.printf(Locale.ROOT, "publishing %d items for the portal to read (run %s)…%n", items, run);
    String slug = null;
    long started = System.nanoTime();
    for (int i = 0; i < items; i++) {
      String word = WORDS[i % WORDS.length];
      String itemSlug = "bench-" + run + "-" + word + "-" + i;
      String product = i % 2 == 0 ? "" : ",\"product\":{\"name\":\"Produk " + word + "\",\"producer\":\"UMKM " + i
          + "\",\"kecamatanCode\":\"35.09.19\",\"priceMin\":10000,\"priceMax\":90000,\"howToOrder\":\"Galeri UMKM\"}";
      String body = String.format(Locale.ROOT, "{\"type\":\"%s\",\"slug\":\"%s\",\"title\":{\"id\":\"Produk unggulan "
          + "%s dari Jember %d\",\"en\":\"Jember %s, a local product %d\"},\"summary\":{\"id\":\"Ringkasan %s\"},"
          + "\"body\":{\"id\":\"%s\",\"en\":\"Grown and made in Jember by small businesses.\"},\"tags\":[\"umkm\",\"%s\"],"
          + "\"kecamatanCodes\":[\"35.09.%02d\"],\"channels\":[]%s}",
          i % 2 == 0 ? "news" : "product", itemSlug, word, i, word, i, word,
          ("Petani dan pengrajin " + word + " di Jember menjual hasilnya lewat galeri UMKM. ").repeat(8), bench(word),
          1 + ThreadLocalRandom.current().nextInt(31), product);
      String id = idOf(send(target, content + "/api/v1/content/items", "POST", body, 201));
      for (String step : new String[] {"submit", "approve", "publish"}) {
        send(target, content + "/api/v1/content/items/" + id + "/" + step, "POST", null, 200);
      }
      slug = i == items / 2 ? itemSlug : slug;
      if ((i + 1) % 50 == 0) {
        System.out.printf(Locale.ROOT, "  %d/%d published%n", i + 1, items);
      }
    }
    System.out.printf(Locale.ROOT, "  published in %.1f s%n", (System.nanoTime() - started) / 1e9);

    String item = "/api/v1/content/" + slug;
    System.out.printf(Locale.ROOT, "scenario content-read: GET %s, %d requests x %d rounds, concurrency %d%n", item,
        requests, rounds, concurrency);
    boolean ok = Bench.compare(new LoadRun("direct (baseline)", URI.create(content + item), target.client(),
        concurrency, target.compilers(content)), new LoadRun("through gateway", URI.create(target.gateway() + item),
        target.client(), concurrency, target.compilers(target.gateway(), content)), requests, rounds,
        Bench.GATEWAY_TARGET);
    String search = "/api/v1/content?q=kopi+jember&type=product&size=20";
    System.out.printf(Locale.ROOT, "scenario content-search: GET %s, %d requests x %d rounds, concurrency %d%n",
        search, requests / 4, rounds, concurrency);
    return Bench.compare(new LoadRun("direct (baseline)", URI.create(content + search), target.client(), concurrency,
        target.compilers(content)), new LoadRun("through gateway", URI.create(target.gateway() + search),
        target.client(), concurrency, target.compilers(target.gateway(), content)), requests / 4, rounds,
        Bench.GATEWAY_TARGET) && ok;
  }

  private static String bench(String word) {
    return word.replace("-", "");
  }

  private static String send(Bench.Target target, String url, String method, String body, int expected)
      throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
        .headers(EDITOR).method(method, body == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    HttpResponse<String> response = target.client().send(request.build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != expected) {
      throw new IllegalStateException(method + " " + url + " answered " + response.statusCode() + ": "
          + response.body());
    }
    return response.body();
  }

  private static String idOf(String json) {
    java.util.regex.Matcher id = java.util.regex.Pattern.compile("\"id\":\"([0-9a-f-]{36})\"").matcher(json);
    if (!id.find()) {
      throw new IllegalStateException("no id in " + json);
    }
    return id.group(1);
  }
}
