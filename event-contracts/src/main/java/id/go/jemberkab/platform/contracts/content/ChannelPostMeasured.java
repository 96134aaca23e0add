package id.go.jemberkab.platform.contracts.content;

import java.time.Instant;

/**
 * A channel insight poller read how one of the regency's posts is doing on a channel: a snapshot of totals so
 * far, repeated on every round while the post is recent. A figure the channel does not report is null.
 *
 * @param contentId the content item the post carries
 * @param externalId the post's id on the channel (the delivery's {@code externalId})
 * @param views how often it was seen: Meta's media views ({@code post_media_view} on Facebook, {@code views} on
 *     Instagram), which replaced impressions and plays in 2025; {@code viewCount} on YouTube
 * @param reach how many accounts saw it: {@code post_total_media_view_unique} (Facebook), {@code reach}
 *     (Instagram); null on YouTube
 * @param reactions reactions (Facebook), likes (Instagram, YouTube)
 * @param comments comments
 * @param shares shares (Facebook, Instagram); null on YouTube
 */
public record ChannelPostMeasured(String contentId, String channel, String externalId, Long views, Long reach,
    Long reactions, Long comments, Long shares, Instant measuredAt) {
}
