package id.go.jemberkab.platform.contracts.analytics;

import java.time.Instant;

/**
 * How one post of a content item does on one channel: the latest of the insight pollers' snapshots (totals so
 * far), and what the totals make of it. A figure the channel does not report is null.
 *
 * @param engagements reactions, comments and shares together; null when the channel reports none of them
 * @param engagementRate engagements per account reached; null without reach (YouTube) or with none yet
 * @param firstMeasuredAt when the post was first measured
 */
public record PostPerformance(String contentId, String channel, String externalId, Long views, Long reach,
    Long reactions, Long comments, Long shares, Long engagements, Double engagementRate, Instant firstMeasuredAt,
    Instant measuredAt) {
}
