package id.go.jemberkab.platform.content.channel;

import java.net.URI;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import tools.jackson.databind.JsonNode;

/**
 * Posts an edition to the regency's Facebook Page through the Graph API ({@code POST /{page-id}/feed}) and reads
 * the Page's followers. Meta retired the {@code page_fans} (likes) metric in 2025; followers are what a Page has
 * now, reported here as {@code page_follows} after the Page Insights metric of that name. A post's figures come in
 * one call: its shares, comment and reaction totals, and the insights {@code post_media_view} and
 * {@code post_total_media_view_unique} (media views replaced impressions in 2025).
 */
final class FacebookPageAdapter implements ChannelAdapter {

  private final String version;
  private final String pageId;
  private final String accessToken;
  private final ChannelHttp.Api api;

  FacebookPageAdapter(ChannelProperties.Facebook settings, ChannelHttp http) {
    this.version = settings.apiVersion();
    this.pageId = ChannelProperties.required(settings.pageId(), "platform.content.channels.facebook.page-id");
    this.accessToken = ChannelProperties.required(settings.accessToken(),
        "platform.content.channels.facebook.access-token");
    this.api = http.api(Channel.FACEBOOK, settings.baseUrl());
  }

  @Override
  public Channel channel() {
    return Channel.FACEBOOK;
  }

  @Override
  public Delivery deliver(Post post) {
    MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
    form.add("message", Stream.of(post.title(), post.summary(), post.url() == null ? "" : post.url().toString())
        .filter(part -> !part.isBlank()).collect(Collectors.joining("\n\n")));
    if (post.url() != null) {
      form.add("link", post.url().toString());
    }
    // in the body, not the query: a URL ends up in exception messages and access logs, a body does not
    form.add("access_token", accessToken);
    // a post whose answer never came may have been made all the same: every attempt after one that may have
    // reached the Page (an earlier delivery, or this call's own retry) looks for it before posting again
    Instant since = Optional.ofNullable(post.triedSince()).orElseGet(api::now).minus(EarlierPosts.CLOCK_MARGIN);
    if (post.triedSince() != null && post.url() != null) {
      JsonNode made = api.call("look for an earlier attempt's post", () -> earlier(post, since));
      if (made != null) {
        return delivery(made);
      }
    }
    AtomicBoolean tried = new AtomicBoolean();
    JsonNode answer = api.call("publish to the page feed", () -> {
      if (tried.getAndSet(true) && post.url() != null) {
        JsonNode made = earlier(post, since);
        if (made != null) {
          return made;
        }
        api.permitOneMore(); // the lookup took this attempt's permit; the post after it needs one of its own
      }
      return api.rest().post().uri("/{version}/{page}/feed", version, pageId)
          .contentType(MediaType.APPLICATION_FORM_URLENCODED).body(form).retrieve().body(JsonNode.class);
    });
    return delivery(answer);
  }

  /**
   * The Page's own post since {@code since} that carries the edition's link; null if there is none. The Page's
   * posts ({@code /posts}), not its feed: a visitor sharing the article on the Page is not the Page posting it.
   * Matched on the message, whose last line is the link ({@link #deliver}): a post's {@code link} field is gone
   * since Graph API v3.3, and asking for it is a 400 (#12) that would fail every lookup, and so every delivery
   * after a lost answer.
   */
  private JsonNode earlier(Post post, Instant since) {
    return EarlierPosts.find(Channel.FACEBOOK, post, api.rest().get()
        .uri("/{version}/{page}/posts?fields=id,message,created_time&since={since}&limit=100", version, pageId,
            since.getEpochSecond())
        .header(HttpHeaders.AUTHORIZATION, "Bearer " + accessToken).retrieve().body(JsonNode.class), "message");
  }

  private static Delivery delivery(JsonNode answer) {
    String id = ApiAnswers.text(answer, "id", "facebook: the page answered without a post id");
    return new Delivery(id, URI.create("https://www.facebook.com/" + id));
  }

  @Override
  public Optional<FollowerCount> followers() {
    JsonNode answer = api.call("read the page's followers", () -> api.rest().get()
        .uri("/{version}/{page}?fields=followers_count", version, pageId)
        .header(HttpHeaders.AUTHORIZATION, "Bearer " + accessToken).retrieve().body(JsonNode.class));
    return Optional.of(new FollowerCount(Channel.FACEBOOK.followerMetric(),
        ApiAnswers.count(answer.path("followers_count"), "facebook: the page answered without followers_count")));
  }

  @Override
  public Optional<PostInsights> post(String externalId) {
    JsonNode answer;
    try {
      answer = api.call("read a post's figures", () -> api.rest().get()
          .uri("/{version}/{post}?fields={fields}", version, externalId, "shares,comments.limit(0).summary(total_count),"
              + "reactions.limit(0).summary(total_count),insights.metric(post_media_view,post_total_media_view_unique)")
          .header(HttpHeaders.AUTHORIZATION, "Bearer " + accessToken).retrieve().body(JsonNode.class));
    } catch (DeliveryFailure failure) {
      if (ChannelHttp.objectGone(failure)) {
        return Optional.empty(); // deleted on the Page: nothing to measure
      }
      throw failure;
    }
    Map<String, Long> insights = new HashMap<>();
    for (JsonNode metric : answer.path("insights").path("data")) {
      JsonNode value = metric.path("values").path(0).path("value");
      if (value.isIntegralNumber()) {
        insights.put(metric.path("name").asString(""), value.asLong());
      }
    }
    return Optional.of(new PostInsights(insights.get("post_media_view"), insights.get("post_total_media_view_unique"),
        number(answer.path("reactions").path("summary").path("total_count")),
        number(answer.path("comments").path("summary").path("total_count")),
        // a post nobody shared has no shares field at all
        answer.path("shares").isMissingNode() ? Long.valueOf(0) : number(answer.path("shares").path("count"))));
  }

  private static Long number(JsonNode value) {
    return value.isIntegralNumber() ? value.asLong() : null;
  }
}
