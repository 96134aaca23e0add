/**
 * Engagement intake: batches of views, likes, shares, comments, follows and watch time from the portal and
 * the channels, checked item by item, deduplicated, with visitors pseudonymised by a daily-rotated key, onto
 * {@code content.engagement.v1}.
 */
package id.go.jemberkab.platform.content.engagement;
