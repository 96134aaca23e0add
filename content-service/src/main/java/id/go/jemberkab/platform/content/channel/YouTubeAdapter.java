package id.go.jemberkab.platform.content.channel;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClientResponseException;
import tools.jackson.databind.JsonNode;

/**
 * Makes a video public on the regency's YouTube channel through the Data API. The communications office uploads
 * videos privately in YouTube Studio; publishing an edition whose video media is that video's watch URL gives it
 * the edition's title, description and tags and turns it public ({@code videos.update}). Reads the subscribers.
 */
final class YouTubeAdapter implements ChannelAdapter {

  private static final Pattern WATCH_URL = Pattern.compile(
      "https://(?:(?:www\\.|m\\.)?youtube\\.com/watch\\?(?:.*&)?v=|youtu\\.be/)([A-Za-z0-9_-]{11})(?:[&?#].*)?");
  /** News &amp; Politics. */
  private static final String CATEGORY = "25";

  private final String channelId;
  private final ChannelHttp.Api api;
  private final GoogleAccessTokens tokens;

  YouTubeAdapter(ChannelProperties.YouTube settings, ChannelHttp http) {
    this.channelId = ChannelProperties.required(settings.channelId(), "platform.content.channels.youtube.channel-id");
    this.api = http.api(Channel.YOUTUBE, settings.baseUrl());
    this.tokens = new GoogleAccessTokens(settings, http, api);
  }

  /**
   * A guarded call with the current access token. A 401 means the token was revoked or expired early: with a
   * refresh token the call is made once more with a fresh one.
   */
  private <T> T call(String operation, Function<String, T> request) {
    String[] sent = new String[1];
    try {
      return api.call(operation, () -> request.apply(sent[0] = tokens.current()));
    } catch (DeliveryFailure failure) {
      // sent[0] null: the 401 came from the token endpoint (invalid_client), not from the API refusing a token
      if (!(tokens.refreshing() && sent[0] != null && failure.getCause() instanceof RestClientResponseException answered
          && answered.getStatusCode().value() == 401)) {
        throw failure;
      }
      tokens.refused(sent[0]);
      return api.call(operation, () -> request.apply(tokens.current()));
    }
  }

  @Override
  public Channel channel() {
    return Channel.YOUTUBE;
  }

  @Override
  public Delivery deliver(Post post) {
    String videoId = post.media().stream().filter(m -> "video".equals(m.type())).map(m -> videoId(m.url()))
        .flatMap(Optional::stream).findFirst()
        .orElseThrow(() -> new DeliveryFailure(DeliveryFailure.REJECTED, "youtube: " + post.slug()
            + " has no video media with a YouTube watch URL (upload it privately in YouTube Studio first)", null));
    Map<String, Object> snippet = new LinkedHashMap<>();
    snippet.put("title", limit(plain(post.title()), 100));
    snippet.put("description", limit(plain(post.summary() + (post.url() == null ? "" : "\n\n" + post.url())), 5000));
    snippet.put("tags", tags(post.tags()));
    snippet.put("categoryId", CATEGORY);
    Map<String, Object> video = Map.of("id", videoId, "snippet", snippet,
        "status", Map.of("privacyStatus", "public"));
    JsonNode answer = call("make the video public", token -> api.rest().put()
        .uri("/youtube/v3/videos?part=snippet,status").header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
        .contentType(MediaType.APPLICATION_JSON).body(video).retrieve().body(JsonNode.class));
    String id = ApiAnswers.text(answer, "id", "youtube: videos.update answered without the video id");
    return new Delivery(id, URI.create("https://www.youtube.com/watch?v=" + id));
  }

  @Override
  public Optional<FollowerCount> followers() {
    JsonNode answer = call("read the channel's subscribers", token -> api.rest().get()
        .uri("/youtube/v3/channels?part=statistics&id={channel}", channelId)
        .header(HttpHeaders.AUTHORIZATION, "Bearer " + token).retrieve().body(JsonNode.class));
    JsonNode statistics = answer.path("items").path(0).path("statistics");
    if (statistics.isMissingNode()) {
      throw new DeliveryFailure(DeliveryFailure.REJECTED, "youtube: no channel " + channelId, null);
    }
    // a channel that hides its subscriber count has nothing to measure
    if (statistics.path("hiddenSubscriberCount").asBoolean(false)
        || statistics.path("subscriberCount").isMissingNode()) {
      return Optional.empty();
    }
    return Optional.of(new FollowerCount(Channel.YOUTUBE.followerMetric(),
        ApiAnswers.count(statistics.path("subscriberCount"), "youtube: subscriberCount is not a number")));
  }

  /** A video's statistics (decimal strings): {@code viewCount}, {@code likeCount}, {@code commentCount}. */
  @Override
  public Optional<PostInsights> post(String externalId) {
    JsonNode answer = call("read a video's statistics", token -> api.rest().get()
        .uri("/youtube/v3/videos?part=statistics&id={video}", externalId)
        .header(HttpHeaders.AUTHORIZATION, "Bearer " + token).retrieve().body(JsonNode.class));
    JsonNode statistics = answer.path("items").path(0).path("statistics");
    if (statistics.isMissingNode()) {
      // deleted, or made private again in YouTube Studio: nothing to measure
      return Optional.empty();
    }
    return Optional.of(new PostInsights(count(statistics.path("viewCount")), null, count(statistics.path("likeCount")),
        count(statistics.path("commentCount")), null));
  }

  /** A statistic YouTube shows (hidden likes are simply absent). */
  private static Long count(JsonNode value) {
    return value.isMissingNode() ? null : ApiAnswers.count(value, "youtube: a statistic is not a number");
  }

  static Optional<String> videoId(URI url) {
    Matcher watch = WATCH_URL.matcher(url.toString());
    return watch.matches() ? Optional.of(watch.group(1)) : Optional.empty();
  }

  /** YouTube refuses titles and descriptions with angle brackets. */
  private static String plain(String text) {
    return text.replace("<", "").replace(">", "");
  }

  private static String limit(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max - 1) + "…";
  }

  /** As many tags as fit YouTube's 500 characters (a tag with a space counts its quotes, each comma one). */
  static List<String> tags(List<String> tags) {
    List<String> kept = new ArrayList<>();
    int length = 0;
    for (String tag : tags) {
      String clean = plain(tag).trim();
      int cost = clean.length() + (clean.contains(" ") ? 2 : 0) + (kept.isEmpty() ? 0 : 1);
      if (clean.isEmpty() || length + cost > 500) {
        continue;
      }
      kept.add(clean);
      length += cost;
    }
    return kept;
  }
}
