package id.go.jemberkab.platform.content.channel;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class YouTubeAdapterTest {

  @RegisterExtension
  static WireMockExtension google = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private final ChannelHttp http = new ChannelHttp(TestChannels.quickGuards(), null, Clock.systemUTC());
  private final YouTubeAdapter youtube = new YouTubeAdapter(new ChannelProperties.YouTube("data-api",
      URI.create(google.baseUrl()), "UCjemberkab", "yt-token", 0), http);

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
}
