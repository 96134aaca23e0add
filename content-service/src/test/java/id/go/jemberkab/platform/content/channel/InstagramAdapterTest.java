package id.go.jemberkab.platform.content.channel;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class InstagramAdapterTest {

  @RegisterExtension
  static WireMockExtension graph = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private final ChannelHttp http = new ChannelHttp(TestChannels.quickGuards(), null, Clock.systemUTC());
  private final InstagramAdapter instagram = new InstagramAdapter(new ChannelProperties.Instagram("graph",
      URI.create(graph.baseUrl()), "v23.0", "17841400", "ig-token", 0), http);

  @AfterEach
  void close() {
    http.close();
  }

  @Test
  void createsAContainerForTheFirstImageThenPublishesIt() {
    graph.stubFor(post("/v23.0/17841400/media").willReturn(okJson("{\"id\":\"creation-77\"}")));
    graph.stubFor(post("/v23.0/17841400/media_publish").willReturn(okJson("{\"id\":\"media-88\"}")));

    Delivery delivery = instagram.deliver(TestChannels.post(List.of(
        new Post.Media(URI.create("https://jemberkab.go.id/media/flyer.pdf"), "document", null),
        new Post.Media(URI.create("https://jemberkab.go.id/media/vaksin.jpg"), "image", "Petugas menyuntik warga"))));

    assertThat(delivery).isEqualTo(new Delivery("media-88", null));
    graph.verify(postRequestedFor(urlPathEqualTo("/v23.0/17841400/media"))
        .withFormParam("image_url", equalTo("https://jemberkab.go.id/media/vaksin.jpg"))
        .withFormParam("caption", equalTo("Vaksinasi gratis di Kecamatan Patrang\n\n"
            + "Dinas Kesehatan membuka layanan vaksinasi gratis pekan ini.\n\n"
            + "https://jemberkab.go.id/berita/vaksinasi-gratis-kecamatan-patrang\n\n#kesehatan #PatrangSehat"))
        .withFormParam("access_token", equalTo("ig-token")));
    graph.verify(postRequestedFor(urlPathEqualTo("/v23.0/17841400/media_publish"))
        .withFormParam("creation_id", equalTo("creation-77")).withFormParam("access_token", equalTo("ig-token")));
  }

  /** The account published the media, but the answer came after the time limit: the retry finds it. */
  /** Instagram still processing the container answers 9007: the same publish a moment later goes through. */
  @Test
  void aContainerNotReadyYetIsPublishedOnTheNextTry() {
    graph.stubFor(post("/v23.0/17841400/media").willReturn(okJson("{\"id\":\"creation-79\"}")));
    graph.stubFor(post(PUBLISH).inScenario("processing").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json").withBody(
            "{\"error\":{\"message\":\"Media ID is not available\",\"type\":\"OAuthException\",\"code\":9007,"
                + "\"error_subcode\":2207027}}")).willSetStateTo("ready"));
    graph.stubFor(post(PUBLISH).inScenario("processing").whenScenarioStateIs("ready")
        .willReturn(okJson("{\"id\":\"media-89\"}")));
    // a publish tried again looks for the media first: nothing there yet
    graph.stubFor(get(urlPathEqualTo(MEDIA)).willReturn(okJson("{\"data\":[]}")));

    Delivery delivery = instagram.deliver(TestChannels.post(List.of(IMAGE)));

    assertThat(delivery.externalId()).isEqualTo("media-89");
    graph.verify(1, postRequestedFor(urlPathEqualTo("/v23.0/17841400/media")));
  }

  @Test
  void aPublishWhoseAnswerWasLostIsFoundByTheRetryAndNotPublishedTwice() {
    graph.stubFor(post("/v23.0/17841400/media").willReturn(okJson("{\"id\":\"creation-77\"}")));
    graph.stubFor(post(PUBLISH).inScenario("lost answer").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(okJson("{\"id\":\"media-88\"}").withFixedDelay(
            (int) TestChannels.TIME_LIMIT.multipliedBy(3).toMillis())).willSetStateTo("published"));
    graph.stubFor(get(urlPathEqualTo(MEDIA)).inScenario("lost answer").whenScenarioStateIs("published")
        .willReturn(okJson(media("media-88"))));

    assertThat(instagram.deliver(TestChannels.post(List.of(IMAGE)))).isEqualTo(new Delivery("media-88", null));
    graph.verify(1, postRequestedFor(urlPathEqualTo(PUBLISH)));
    graph.verify(getRequestedFor(urlPathEqualTo(MEDIA)).withQueryParam("fields", equalTo("id,caption,timestamp"))
        .withHeader("Authorization", equalTo("Bearer ig-token")));
  }

  @Test
  void aDeliveryTriedBeforeThatAlreadyPublishedMakesNoNewContainer() {
    graph.stubFor(get(urlPathEqualTo(MEDIA)).willReturn(okJson(media("media-90"))));

    assertThat(instagram.deliver(TestChannels.retried(List.of(IMAGE), java.time.Instant.parse("2026-11-28T02:00:00Z"))))
        .isEqualTo(new Delivery("media-90", null));
    graph.verify(0, postRequestedFor(urlPathEqualTo("/v23.0/17841400/media")));
    graph.verify(0, postRequestedFor(urlPathEqualTo(PUBLISH)));
  }

  private static final String MEDIA = "/v23.0/17841400/media";
  private static final String PUBLISH = "/v23.0/17841400/media_publish";
  private static final Post.Media IMAGE = new Post.Media(URI.create("https://jemberkab.go.id/media/vaksin.jpg"),
      "image", null);

  /** The account's media: an unrelated one, and {@code id} whose caption carries the sample edition's link. */
  private static String media(String id) {
    return "{\"data\":[{\"id\":\"media-1\",\"caption\":\"Pasar murah\\n\\n#ekonomi\"},{\"id\":\"" + id
        + "\",\"caption\":\"Vaksinasi gratis\\n\\nhttps://jemberkab.go.id/berita/vaksinasi-gratis-kecamatan-patrang"
        + "\\n\\n#kesehatan\",\"timestamp\":\"2026-11-28T02:00:05+0000\"}]}";
  }

  @Test
  void aCaptionTooLongCutsTheSummaryAndKeepsTheLinkAndTheHashtags() {
    Post sample = TestChannels.post(List.of(IMAGE));
    Post wordy = new Post(sample.contentId(), sample.edition(), sample.slug(), sample.title(), "Warga ".repeat(500),
        sample.url(), sample.tags(), sample.media(), null);

    String caption = InstagramAdapter.caption(wordy);

    assertThat(caption).hasSize(2200).startsWith("Vaksinasi gratis di Kecamatan Patrang\n\nWarga Warga")
        .endsWith("…\n\nhttps://jemberkab.go.id/berita/vaksinasi-gratis-kecamatan-patrang\n\n#kesehatan #PatrangSehat");
  }

  @Test
  void hashtagsGiveWayOnlyWhenTheyWouldLeaveTooLittleTextAndAnEmojiIsNeverCutInHalf() {
    Post sample = TestChannels.post(List.of(IMAGE));
    List<String> tags = java.util.stream.IntStream.range(0, 30).mapToObj(i -> "tagar" + "x".repeat(60) + i).toList();
    Post tagged = new Post(sample.contentId(), sample.edition(), sample.slug(), sample.title(), "Warga ".repeat(500),
        sample.url(), tags, sample.media(), null);

    assertThat(InstagramAdapter.caption(tagged)).hasSizeLessThanOrEqualTo(2200).doesNotContain("#tagar")
        .endsWith("…\n\nhttps://jemberkab.go.id/berita/vaksinasi-gratis-kecamatan-patrang");

    for (int shift = 0; shift < 2; shift++) {
      Post emoji = new Post(sample.contentId(), sample.edition(), sample.slug(), sample.title(),
          "x".repeat(shift) + "\uD83C\uDF3E".repeat(1200), sample.url(), List.of(), sample.media(), null);
      String caption = InstagramAdapter.caption(emoji);
      assertThat(caption).hasSizeLessThanOrEqualTo(2200);
      assertThat(caption.codePoints().noneMatch(c -> Character.isSurrogate((char) c) && c <= 0xFFFF)).as("shift %d", shift)
          .isTrue();
    }
  }

  @Test
  void rejectsAnEditionWithoutAnImageAndCallsNothing() {
    DeliveryFailure failure = catchThrowableOfType(DeliveryFailure.class, () -> instagram.deliver(TestChannels.post(
        List.of(new Post.Media(URI.create("https://youtu.be/dQw4w9WgXcQ"), "video", null)))));

    assertThat(failure.reason()).isEqualTo(DeliveryFailure.REJECTED);
    assertThat(failure.retryable()).isFalse();
    assertThat(graph.getAllServeEvents()).isEmpty();
  }

  @Test
  void readsAMediasViewsReachLikesCommentsAndShares() {
    graph.stubFor(get(urlPathEqualTo("/v23.0/17955/insights")).willReturn(okJson("""
        {"data":[{"name":"views","period":"lifetime","values":[{"value":2210}],"id":"17955/insights/views/lifetime"},
                 {"name":"reach","period":"lifetime","values":[{"value":1630}]},
                 {"name":"likes","period":"lifetime","values":[{"value":311}]},
                 {"name":"comments","period":"lifetime","values":[{"value":17}]},
                 {"name":"shares","period":"lifetime","values":[{"value":9}]}]}""")));

    assertThat(instagram.post("17955")).contains(new PostInsights(2210L, 1630L, 311L, 17L, 9L));
    graph.verify(getRequestedFor(urlPathEqualTo("/v23.0/17955/insights"))
        .withQueryParam("metric", equalTo("views,reach,likes,comments,shares")));
  }

  @Test
  void aMediaDeletedFromTheAccountHasNothingToMeasure() {
    graph.stubFor(get(urlPathEqualTo("/v23.0/17956/insights")).willReturn(aResponse().withStatus(400)
        .withHeader("Content-Type", "application/json").withBody("""
            {"error":{"message":"Unsupported get request. Object with ID '17956' does not exist","type":
             "GraphMethodException","code":100,"error_subcode":33,"fbtrace_id":"AbE"}}""")));

    assertThat(instagram.post("17956")).isEmpty();
  }

  @Test
  void readsTheAccountFollowers() {
    graph.stubFor(get(urlPathEqualTo("/v23.0/17841400")).willReturn(okJson("{\"followers_count\":1502}")));

    assertThat(instagram.followers()).contains(new FollowerCount("followers_count", 1502));
    graph.verify(getRequestedFor(urlPathEqualTo("/v23.0/17841400"))
        .withQueryParam("fields", equalTo("followers_count")).withHeader("Authorization", equalTo("Bearer ig-token")));
  }
}
