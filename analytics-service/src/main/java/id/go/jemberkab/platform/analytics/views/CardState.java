package id.go.jemberkab.platform.analytics.views;

import id.go.jemberkab.platform.contracts.analytics.ContentCard;
import id.go.jemberkab.platform.contracts.content.ContentPublished;
import id.go.jemberkab.platform.contracts.content.ContentUnpublished;
import id.go.jemberkab.platform.contracts.content.ContentUpdated;
import java.time.Instant;

/**
 * A content item as its events told: the latest edition's names, and whether it is public. A repeated or
 * older event changes nothing; an unpublishing or a new edition before any publication is kept until the
 * item is known. A new edition ({@code ContentUpdated}) renames the item but leaves its status and
 * {@code changedAt}, the time of its last publication or unpublishing, as they are.
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
          name(p.type(), p.slug(), p.titleId(), p.titleEn(), p.edition());
          eventId = p.eventId();
        } else if (!known()) {
          eventId = p.eventId(); // a newer edition came first: keep its names, take what only a publication says
        }
        contentId = p.contentId();
        publishedAt = publishedAt == null || p.publishedAt().isBefore(publishedAt) ? p.publishedAt() : publishedAt;
        if (changedAt == null || p.publishedAt().isAfter(changedAt)) {
          status = "published";
          changedAt = p.publishedAt();
        }
      }
      case CONTENT_UPDATED -> {
        ContentUpdated u = event.as(ContentUpdated.class);
        if (u.edition() >= edition) {
          name(u.type(), u.slug(), u.titleId(), u.titleEn(), u.edition());
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

  private void name(String type, String slug, String titleId, String titleEn, int edition) {
    this.type = type;
    this.slug = slug;
    this.titleId = titleId;
    this.titleEn = titleEn;
    this.edition = edition;
  }

  /** Seen published: a card needs the publication's date, whatever came before it. */
  boolean known() {
    return contentId != null;
  }

  ContentCard toCard() {
    return new ContentCard(contentId, type, slug, titleId, titleEn, edition, eventId, status, publishedAt, changedAt);
  }
}
