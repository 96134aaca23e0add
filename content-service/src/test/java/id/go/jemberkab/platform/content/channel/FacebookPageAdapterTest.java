package id.go.jemberkab.platform.content.channel;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class FacebookPageAdapterTest {

  @RegisterExtension
  static WireMockExtension graph = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private final ChannelHttp http = new ChannelHttp(TestChannels.quickGuards(), null, Clock.systemUTC());
  private final FacebookPageAdapter facebook = new FacebookPageAdapter(TestChannels.facebook(graph.baseUrl()), http);

  @AfterEach
  void close() {
    http.close();
  }

  @Test
  void postsTitleSummaryAndLinkToThePageFeedWithThePageToken() {
    graph.stubFor(post("/v23.0/104729/feed").willReturn(okJson("{\"id\":\"104729_555\"}")));

    Delivery delivery = facebook.deliver(TestChannels.post(List.of()));

    assertThat(delivery.externalId()).isEqualTo("104729_555");
    graph.verify(postRequestedFor(urlPathEqualTo("/v23.0/104729/feed"))
        .withHeader("Content-Type", containing("application/x-www-form-urlencoded"))
        .withFormParam("message", equalTo("Vaksinasi gratis di Kecamatan Patrang\n\n"
            + "Dinas Kesehatan membuka layanan vaksinasi gratis pekan ini.\n\n"
            + "https://jemberkab.go.id/berita/vaksinasi-gratis-kecamatan-patrang"))
        .withFormParam("link", equalTo("https://jemberkab.go.id/berita/vaksinasi-gratis-kecamatan-patrang"))
        .withFormParam("access_token", equalTo("fb-page-token")));
  }

  @Test
  void readsAPostsMediaViewsReachReactionsCommentsAndSharesInOneCall() {
    graph.stubFor(get(urlPathEqualTo("/v23.0/104729_555")).willReturn(okJson("""
        {"shares":{"count":12},"comments":{"data":[],"summary":{"total_count":8}},
         "reactions":{"data":[],"summary":{"total_count":140}},
         "insights":{"data":[{"name":"post_media_view","period":"lifetime","values":[{"value":5321}]},
                             {"name":"post_total_media_view_unique","period":"lifetime","values":[{"value":4102}]}]},
         "id":"104729_555"}""")));

    assertThat(facebook.post("104729_555")).contains(new PostInsights(5321L, 4102L, 140L, 8L, 12L));
    graph.verify(getRequestedFor(urlPathEqualTo("/v23.0/104729_555")).withQueryParam("fields",
        equalTo("shares,comments.limit(0).summary(total_count),reactions.limit(0).summary(total_count),"
            + "insights.metric(post_media_view,post_total_media_view_unique)"))
        .withHeader("Authorization", equalTo("Bearer fb-page-token")));
  }

  @Test
  void aPostNobodySharedHasNoSharesFieldAndCountsZero() {
    graph.stubFor(get(urlPathEqualTo("/v23.0/104729_556")).willReturn(okJson("""
        {"comments":{"data":[],"summary":{"total_count":0}},"reactions":{"data":[],"summary":{"total_count":3}},
         "insights":{"data":[]},"id":"104729_556"}""")));

    assertThat(facebook.post("104729_556")).contains(new PostInsights(null, null, 3L, 0L, 0L));
  }

  @Test
  void readsThePageFollowersAsPageFollows() {
    graph.stubFor(get(urlPathEqualTo("/v23.0/104729"))
        .willReturn(okJson("{\"followers_count\":33611,\"id\":\"104729\"}")));

    assertThat(facebook.followers()).contains(new FollowerCount("page_follows", 33611));
    graph.verify(getRequestedFor(urlPathEqualTo("/v23.0/104729")).withQueryParam("fields", equalTo("followers_count"))
        .withHeader("Authorization", equalTo("Bearer fb-page-token")));
  }
}
