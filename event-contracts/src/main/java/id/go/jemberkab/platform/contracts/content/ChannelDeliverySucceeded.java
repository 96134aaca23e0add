package id.go.jemberkab.platform.contracts.content;

import java.time.Instant;

/**
 * An edition of an item reached a channel.
 *
 * @param externalId the channel's id of the post (Facebook post id, Instagram media id, YouTube video id, the
 *     portal's slug)
 * @param attempt 1 for the first try
 */
public record ChannelDeliverySucceeded(String contentId, int edition, String channel, String externalId,
    int attempt, Instant deliveredAt) {
}
