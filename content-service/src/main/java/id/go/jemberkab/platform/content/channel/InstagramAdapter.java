package id.go.jemberkab.platform.content.channel;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import tools.jackson.databind.JsonNode;

/**
 * Publishes an edition's first image to the regency's Instagram professional account through the Graph API: a
 * media container first ({@code POST /{ig-user-id}/media}), then {@code media_publish}; reads its followers.
 */
final class InstagramAdapter implements ChannelAdapter {

  private static final int CAPTION_LIMIT = 2200;
  private static final int HASHTAG_LIMIT = 30;
  private static final int MIN_TEXT = 300;

  private final String version;
  private final String userId;
  private final String accessToken;
  private final ChannelHttp.Api api;

  InstagramAdapter(ChannelProperties.Instagram settings, ChannelHttp http) {
    this.version = settings.apiVersion();
    this.userId = ChannelProperties.required(settings.igUserId(), "platform.content.channels.instagram.ig-user-id");
    this.accessToken = ChannelProperties.required(settings.accessToken(),
        "platform.content.channels.instagram.access-token");
    this.api = http.api(Channel.INSTAGRAM, settings.baseUrl());
  }

  @Override
  public Channel channel() {
    return Channel.INSTAGRAM;
  }

  @Override
  public Delivery deliver(Post post) {
    Post.Media image = post.media().stream().filter(m -> "image".equals(m.type())).findFirst()
        .orElseThrow(() -> new DeliveryFailure(DeliveryFailure.REJECTED,
            "instagram: an Instagram post needs an image, and " + post.slug() + " has none", null));
    // a publish whose answer never came may have been made all the same: every attempt after one that may have
    // reached the account (an earlier delivery, or this call's own retry) looks for the media before publishing
    Instant since = Optional.ofNullable(post.triedSince()).orElseGet(api::now).minus(EarlierPosts.CLOCK_MARGIN);
    if (post.triedSince() != null && post.url() != null) {
      JsonNode made = api.call("look for an earlier attempt's media", () -> earlier(post, since));
      if (made != null) {
        return new Delivery(ApiAnswers.text(made, "id", "instagram: a media without an id"), null);
      }
    }
    MultiValueMap<String, String> container = form();
    container.add("image_url", image.url().toString());
    container.add("caption", caption(post));
    // a container is not a post: one made twice is never published and expires
    JsonNode created = api.call("create the media container", () -> post("/{version}/{user}/media", container));
    String creationId = ApiAnswers.text(created, "id", "instagram: the media container came without an id");

    MultiValueMap<String, String> publish = form();
    publish.add("creation_id", creationId);
    AtomicBoolean tried = new AtomicBoolean();
    JsonNode published = api.call("publish the media", () -> {
      if (tried.getAndSet(true) && post.url() != null) {
        JsonNode made = earlier(post, since);
        if (made != null) {
          return made;
        }
        api.permitOneMore(); // the lookup took this attempt's permit; the post after it needs one of its own
      }
      return post("/{version}/{user}/media_publish", publish);
    });
    return new Delivery(ApiAnswers.text(published, "id", "instagram: media_publish answered without a media id"), null);
  }

  /** The account's media since {@code since} whose caption carries the edition's link; null if none does. */
  private JsonNode earlier(Post post, Instant since) {
    return EarlierPosts.find(Channel.INSTAGRAM, post, api.rest().get()
        .uri("/{version}/{user}/media?fields=id,caption,timestamp&since={since}&limit=50", version, userId,
            since.getEpochSecond())
        .header(HttpHeaders.AUTHORIZATION, "Bearer " + accessToken).retrieve().body(JsonNode.class), "caption");
  }

  @Override
  public Optional<FollowerCount> followers() {
    JsonNode answer = api.call("read the account's followers", () -> api.rest().get()
        .uri("/{version}/{user}?fields=followers_count", version, userId)
        .header(HttpHeaders.AUTHORIZATION, "Bearer " + accessToken).retrieve().body(JsonNode.class));
    return Optional.of(new FollowerCount(Channel.INSTAGRAM.followerMetric(),
        ApiAnswers.count(answer.path("followers_count"), "instagram: the account answered without followers_count")));
  }

  private MultiValueMap<String, String> form() {
    MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
    form.add("access_token", accessToken);
    return form;
  }

  private JsonNode post(String path, MultiValueMap<String, String> form) {
    return api.rest().post().uri(path, version, userId).contentType(MediaType.APPLICATION_FORM_URLENCODED).body(form)
        .retrieve().body(JsonNode.class);
  }

  /**
   * Title, summary, the portal link (Instagram does not make it clickable, but readers copy it) and hashtags, within
   * Instagram's 2,200 characters. The summary gives way first, and the hashtags only when they would leave less than
   * {@value #MIN_TEXT} characters of text; the link always stays whole, because a retry finds an earlier attempt's
   * media by it ({@link EarlierPosts}).
   */
  static String caption(Post post) {
    String link = post.url() == null ? "" : "\n\n" + post.url();
    List<String> hashtags = post.tags().stream().map(tag -> tag.replaceAll("[^\\p{L}\\p{N}_]", ""))
        .filter(tag -> !tag.isEmpty()).distinct().limit(HASHTAG_LIMIT).map(tag -> "#" + tag).toList();
    String tags = hashtags.isEmpty() ? "" : "\n\n" + String.join(" ", hashtags);
    String text = post.summary().isBlank() ? post.title() : post.title() + "\n\n" + post.summary();
    if (text.length() + link.length() + tags.length() > CAPTION_LIMIT
        && CAPTION_LIMIT - link.length() - tags.length() < MIN_TEXT) {
      tags = "";
    }
    int room = CAPTION_LIMIT - link.length() - tags.length();
    if (text.length() > room) {
      int cut = Math.max(0, room - 1);
      // never half of an emoji (a surrogate pair)
      cut = cut > 0 && Character.isHighSurrogate(text.charAt(cut - 1)) ? cut - 1 : cut;
      text = text.substring(0, cut) + "…";
    }
    return text + link + tags;
  }

  /**
   * A media's insights: {@code views} (which replaced {@code impressions} and {@code plays} in 2025), {@code reach},
   * {@code likes}, {@code comments} and {@code shares}.
   */
  @Override
  public Optional<PostInsights> post(String externalId) {
    JsonNode answer;
    try {
      answer = api.call("read a media's insights", () -> api.rest().get()
          .uri("/{version}/{media}/insights?metric=views,reach,likes,comments,shares", version, externalId)
          .header(HttpHeaders.AUTHORIZATION, "Bearer " + accessToken).retrieve().body(JsonNode.class));
    } catch (DeliveryFailure failure) {
      if (ChannelHttp.objectGone(failure)) {
        return Optional.empty(); // deleted from the account: nothing to measure
      }
      throw failure;
    }
    java.util.Map<String, Long> values = new java.util.HashMap<>();
    for (JsonNode metric : answer.path("data")) {
      JsonNode value = metric.path("values").path(0).path("value");
      if (value.isIntegralNumber()) {
        values.put(metric.path("name").asString(""), value.asLong());
      }
    }
    return Optional.of(new PostInsights(values.get("views"), values.get("reach"), values.get("likes"),
        values.get("comments"), values.get("shares")));
  }
}
