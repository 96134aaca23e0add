package id.go.jemberkab.platform.content.channel;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What a channel gets of an edition. {@code triedSince}: when an earlier attempt to deliver this edition may already
 * have made the post (its answer never came, or came as a failure after the channel had it), the moment from which
 * to look for it; {@code null} on a first attempt.
 */
public record Post(String contentId, int edition, String slug, String title, String summary, URI url, List<String> tags,
    List<Media> media, Instant triedSince) {

  /** A picture, video or document of the edition; {@code type} is {@code image}, {@code video} or {@code document}. */
  public record Media(URI url, String type, String altText) {

    public Media {
      Objects.requireNonNull(url, "url");
      Objects.requireNonNull(type, "type");
    }
  }

  public Post {
    Objects.requireNonNull(contentId, "contentId");
    Objects.requireNonNull(slug, "slug");
    Objects.requireNonNull(title, "title");
    summary = summary == null ? "" : summary;
    tags = tags == null ? List.of() : List.copyOf(tags);
    media = media == null ? List.of() : List.copyOf(media);
  }
}
