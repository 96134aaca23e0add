package id.go.jemberkab.platform.content.channel;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class YouTubeAdapterTest {

  @RegisterExtension
  static WireMockExtension google = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private final ChannelHttp http = new ChannelHttp(TestChannels.quickGuards(), null, Clock.systemUTC());
  private final YouTubeAdapter youtube = new YouTubeAdapter(new ChannelProperties.YouTube("data-api",
      URI.create(google.baseUrl()), "UCjemberkab", "yt-token", 0, null, null, null, null), http);

  @AfterEach
  void close() {
    http.close();
  }

  @Test
  void setsTheSnippetOfThePrivatelyUploadedVideoAndMakesItPublic() {
    google.stubFor(put(urlPathEqualTo("/youtube/v3/videos")).willReturn(okJson("{\"id\":\"dQw4w9WgXcQ\"}")));

    Delivery delivery = youtube.deliver(TestChannels.post(List.of(
        new Post.Media(URI.create("https://jemberkab.go.id/media/vaksin.mp4"), "video", null),
        new Post.Media(URI.create("https://youtu.be/dQw4w9WgXcQ?si=share"), "video", null))));

    assertThat(delivery.externalId()).isEqualTo("dQw4w9WgXcQ");
    assertThat(delivery.url()).hasToString("https://www.youtube.com/watch?v=dQw4w9WgXcQ");
    google.verify(putRequestedFor(urlPathEqualTo("/youtube/v3/videos"))
        .withQueryParam("part", equalTo("snippet,status"))
        .withHeader("Authorization", equalTo("Bearer yt-token"))
        .withRequestBody(equalToJson("""
            {"id":"dQw4w9WgXcQ",
             "snippet":{"title":"Vaksinasi gratis di Kecamatan Patrang",
               "description":"Dinas Kesehatan membuka layanan vaksinasi gratis pekan ini.\\n\\n\
            https://jemberkab.go.id/berita/vaksinasi-gratis-kecamatan-patrang",
               "tags":["kesehatan","Patrang Sehat"],"categoryId":"25"},
             "status":{"privacyStatus":"public"}}""")));
  }

  @Test
  void rejectsAnEditionWhoseVideoIsNotOnYouTube() {
    DeliveryFailure failure = catchThrowableOfType(DeliveryFailure.class, () -> youtube.deliver(TestChannels.post(
        List.of(new Post.Media(URI.create("https://jemberkab.go.id/media/vaksin.mp4"), "video", null)))));

    assertThat(failure.reason()).isEqualTo(DeliveryFailure.REJECTED);
    assertThat(google.getAllServeEvents()).isEmpty();
    assertThat(YouTubeAdapter.videoId(URI.create("https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=42")))
        .contains("dQw4w9WgXcQ");
    assertThat(YouTubeAdapter.videoId(URI.create("https://vimeo.com/watch?v=dQw4w9WgXcQ"))).isEmpty();
  }

  @Test
  void readsAVideosStatisticsWhichTheApiGivesAsTextAndHasNoReachOrShares() {
    google.stubFor(get(urlPathEqualTo("/youtube/v3/videos")).withQueryParam("id", equalTo("dQw4w9WgXcQ"))
        .willReturn(okJson("""
            {"items":[{"id":"dQw4w9WgXcQ","statistics":{"viewCount":"10432","likeCount":"388","favoriteCount":"0",
             "commentCount":"41"}}]}""")));
    google.stubFor(get(urlPathEqualTo("/youtube/v3/videos")).withQueryParam("id", equalTo("gone0000000"))
        .willReturn(okJson("{\"items\":[]}")));

    assertThat(youtube.post("dQw4w9WgXcQ")).contains(new PostInsights(10432L, null, 388L, 41L, null));
    assertThat(youtube.post("gone0000000")).as("a video made private again").isEmpty();
  }

  @Test
  void readsTheSubscriberCountThatTheApiGivesAsText() {
    google.stubFor(get(urlPathEqualTo("/youtube/v3/channels")).willReturn(okJson("""
        {"items":[{"id":"UCjemberkab","statistics":{"viewCount":"912034","subscriberCount":"4120",
         "hiddenSubscriberCount":false,"videoCount":"310"}}]}""")));

    assertThat(youtube.followers()).contains(new FollowerCount("subscriberCount", 4120));
    google.verify(getRequestedFor(urlPathEqualTo("/youtube/v3/channels"))
        .withQueryParam("part", equalTo("statistics")).withQueryParam("id", equalTo("UCjemberkab"))
        .withHeader("Authorization", equalTo("Bearer yt-token")));
  }

  /** A refresh-token deployment: access tokens come from the token endpoint, by the given clock. */
  private static YouTubeAdapter refreshing(ChannelHttp http) {
    return new YouTubeAdapter(new ChannelProperties.YouTube("data-api", URI.create(google.baseUrl()), "UCjemberkab",
        null, 0, "client-1.apps.googleusercontent.com", "client-s3cret", "1//refresh-me",
        URI.create(google.baseUrl() + "/token")), http);
  }

  private static final String CHANNEL = """
      {"items":[{"id":"UCjemberkab","statistics":{"subscriberCount":"4120","hiddenSubscriberCount":false}}]}""";

  @Test
  void exchangesTheRefreshTokenForAnAccessTokenAndForANewOneShortlyBeforeItExpires() {
    MutableClock clock = new MutableClock(Instant.parse("2026-11-29T08:00:00Z"));
    ChannelHttp timed = new ChannelHttp(TestChannels.quickGuards(), null, clock);
    try {
      YouTubeAdapter youtube = refreshing(timed);
      google.stubFor(post(urlPathEqualTo("/token")).willReturn(okJson("""
          {"access_token":"ya29.first","expires_in":3599,"scope":"https://www.googleapis.com/auth/youtube",
           "token_type":"Bearer"}""")));
      google.stubFor(get(urlPathEqualTo("/youtube/v3/channels")).willReturn(okJson(CHANNEL)));

      youtube.followers();
      clock.advance(Duration.ofMinutes(50));
      youtube.followers();

      google.verify(1, postRequestedFor(urlPathEqualTo("/token"))
          .withHeader("Content-Type", containing("application/x-www-form-urlencoded"))
          .withFormParam("grant_type", equalTo("refresh_token"))
          .withFormParam("refresh_token", equalTo("1//refresh-me"))
          .withFormParam("client_id", equalTo("client-1.apps.googleusercontent.com"))
          .withFormParam("client_secret", equalTo("client-s3cret")));
      google.verify(2, getRequestedFor(urlPathEqualTo("/youtube/v3/channels"))
          .withHeader("Authorization", equalTo("Bearer ya29.first")));

      google.stubFor(post(urlPathEqualTo("/token")).willReturn(okJson("""
          {"access_token":"ya29.second","expires_in":3599,"token_type":"Bearer"}""")));
      clock.advance(Duration.ofMinutes(8)); // 58 minutes in: within two minutes of the first token's expiry
      assertThat(youtube.followers()).contains(new FollowerCount("subscriberCount", 4120));

      google.verify(2, postRequestedFor(urlPathEqualTo("/token")));
      google.verify(1, getRequestedFor(urlPathEqualTo("/youtube/v3/channels"))
          .withHeader("Authorization", equalTo("Bearer ya29.second")));
    } finally {
      timed.close();
    }
  }

  @Test
  void aTokenTheApiRefusesIsReplacedAndTheCallMadeOnceMore() {
    YouTubeAdapter youtube = refreshing(http);
    google.stubFor(post(urlPathEqualTo("/token")).inScenario("tokens").whenScenarioStateIs(Scenario.STARTED)
        .willSetStateTo("revoked").willReturn(okJson("{\"access_token\":\"ya29.revoked\",\"expires_in\":3599}")));
    google.stubFor(post(urlPathEqualTo("/token")).inScenario("tokens").whenScenarioStateIs("revoked")
        .willReturn(okJson("{\"access_token\":\"ya29.fresh\",\"expires_in\":3599}")));
    google.stubFor(get(urlPathEqualTo("/youtube/v3/channels")).withHeader("Authorization", equalTo("Bearer ya29.revoked"))
        .willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json").withBody("""
            {"error":{"code":401,"message":"Request had invalid authentication credentials.",
             "status":"UNAUTHENTICATED"}}""")));
    google.stubFor(get(urlPathEqualTo("/youtube/v3/channels")).withHeader("Authorization", equalTo("Bearer ya29.fresh"))
        .willReturn(okJson(CHANNEL)));

    assertThat(youtube.followers()).contains(new FollowerCount("subscriberCount", 4120));
    google.verify(2, postRequestedFor(urlPathEqualTo("/token")));
    google.verify(2, getRequestedFor(urlPathEqualTo("/youtube/v3/channels")));
  }

  @Test
  void aRefreshTokenGoogleRefusesFailsTheCallAsRejectedWithoutNamingAnySecret() {
    YouTubeAdapter youtube = refreshing(http);
    google.stubFor(post(urlPathEqualTo("/token")).willReturn(aResponse().withStatus(400)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"error\":\"invalid_grant\",\"error_description\":\"Token has been expired or revoked.\"}")));

    DeliveryFailure failure = catchThrowableOfType(DeliveryFailure.class, youtube::followers);

    assertThat(failure.reason()).isEqualTo(DeliveryFailure.REJECTED);
    assertThat(failure.getMessage()).contains("invalid_grant").doesNotContain("s3cret").doesNotContain("refresh-me");
    google.verify(1, postRequestedFor(urlPathEqualTo("/token")));
    google.verify(0, getRequestedFor(urlPathEqualTo("/youtube/v3/channels")));

    // a wrong client secret: Google answers 401, which is no reason to ask for a token again
    google.resetAll();
    google.stubFor(post(urlPathEqualTo("/token")).willReturn(aResponse().withStatus(401)
        .withHeader("Content-Type", "application/json").withBody("{\"error\":\"invalid_client\"}")));
    assertThat(catchThrowableOfType(DeliveryFailure.class, youtube::followers).getMessage()).contains("invalid_client");
    google.verify(1, postRequestedFor(urlPathEqualTo("/token")));

    // half a refresh configuration stops the start, naming what is missing
    assertThatThrownBy(() -> new YouTubeAdapter(new ChannelProperties.YouTube("data-api", URI.create(google.baseUrl()),
        "UCjemberkab", null, 0, "client-1", null, "1//refresh-me", URI.create(google.baseUrl() + "/token")), http))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("youtube.client-secret")
        .hasMessageNotContaining("refresh-me");
  }

  /** A clock the test moves. */
  static final class MutableClock extends Clock {
    private volatile Instant now;

    MutableClock(Instant now) {
      this.now = now;
    }

    void advance(Duration by) {
      now = now.plus(by);
    }

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
