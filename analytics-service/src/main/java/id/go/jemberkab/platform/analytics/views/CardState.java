package id.go.jemberkab.platform.analytics.views;

import id.go.jemberkab.platform.contracts.analytics.ContentCard;
import id.go.jemberkab.platform.contracts.content.ContentPublished;
import id.go.jemberkab.platform.contracts.content.ContentUnpublished;
import java.time.Instant;

/**
 * A content item as its events told: the latest edition's names, and whether it is public. A repeated or
 * older event changes nothing; an unpublishing before any publication is kept until the item is known.
 */
final class CardState {

  public String contentId;
  public String type;
  public String slug;
  public String titleId;
  public String titleEn;
  public int edition;
  public String eventId;
  public String status;
  public Instant publishedAt;
  public Instant changedAt;

  CardState apply(Event event) {
    switch (event.type()) {
      case CONTENT_PUBLISHED -> {
        ContentPublished p = event.as(ContentPublished.class);
        if (p.edition() >= edition) {
          contentId = p.contentId();
          type = p.type();
          slug = p.slug();
          titleId = p.titleId();
          titleEn = p.titleEn();
          edition = p.edition();
          eventId = p.eventId();
          publishedAt = publishedAt == null || p.publishedAt().isBefore(publishedAt) ? p.publishedAt() : publishedAt;
        }
        if (changedAt == null || p.publishedAt().isAfter(changedAt)) {
          status = "published";
          changedAt = p.publishedAt();
        }
      }
      case CONTENT_UNPUBLISHED -> {
        ContentUnpublished u = event.as(ContentUnpublished.class);
        if (changedAt == null || u.unpublishedAt().isAfter(changedAt)) {
          status = "unpublished";
          changedAt = u.unpublishedAt();
        }
      }
      default -> throw new IllegalArgumentException("not a content item event: " + event.type());
    }
    return this;
  }

  boolean known() {
    return contentId != null;
  }

  ContentCard toCard() {
    return new ContentCard(contentId, type, slug, titleId, titleEn, edition, eventId, status, publishedAt, changedAt);
  }
}
