package id.go.jemberkab.platform.content.channel;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * Finding the post an earlier attempt made, so that sending an edition again never posts it twice: among the
 * account's posts since the first attempt (the channel's {@code data} list), the one that carries the edition's
 * portal link. The link names the item, and the time window the edition: an older edition of the same item was
 * posted before this one's first attempt.
 */
final class EarlierPosts {

  private static final Logger log = LoggerFactory.getLogger(EarlierPosts.class);

  /** How far the channel's clock may be behind ours. */
  static final Duration CLOCK_MARGIN = Duration.ofMinutes(1);

  private EarlierPosts() {
  }

  /**
   * The post among {@code answer}'s {@code data} with a field among {@code fields} that is the edition's link or has
   * it as a whole line; null if none does.
   */
  static JsonNode find(Channel channel, Post post, JsonNode answer, String... fields) {
    String link = post.url().toString();
    for (JsonNode made : answer.path("data")) {
      for (String field : fields) {
        String text = made.path(field).asString("");
        if (text.lines().anyMatch(line -> line.strip().equals(link))) {
          log.info("{}: edition {} of item {} was already posted as {} by an attempt whose answer was lost; not "
              + "posting it again", channel.wireName(), post.edition(), post.contentId(), made.path("id").asString(""));
          return made;
        }
      }
    }
    return null;
  }
}
