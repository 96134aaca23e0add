package id.go.jemberkab.platform.analytics.views;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import id.go.jemberkab.platform.contracts.analytics.EngagementWindow;
import id.go.jemberkab.platform.contracts.content.EngagementRecorded;
import java.time.Instant;

/**
 * The running counts of one engagement window. Visitors are counted once each by {@link FirstVisits}, which
 * remembers them in a store of its own: a set of them kept here would be read and written whole on every
 * event, and a busy day's channel window holds tens of thousands. ({@code visitors}, that set in the state
 * before, is ignored when read.)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
final class EngagementCounts {

  public long views;
  public long likes;
  public long shares;
  public long comments;
  public long follows;
  public long unfollows;
  public long watchSeconds;
  public long uniqueVisitors;

  EngagementCounts add(EngagementRecorded e, boolean newVisitor) {
    switch (e.action()) {
      case "view" -> views++;
      case "like" -> likes++;
      case "share" -> shares++;
      case "comment" -> comments++;
      case "follow" -> follows++;
      case "unfollow" -> unfollows++;
      case "watch" -> watchSeconds += e.watchSeconds() == null ? 0 : e.watchSeconds();
      default -> throw new IllegalArgumentException("unknown action " + e.action());
    }
    if (newVisitor) {
      uniqueVisitors++;
    }
    return this;
  }

  EngagementWindow toWindow(String scope, String key, String window, Instant start, Instant end) {
    return new EngagementWindow(scope, key, window, start, end, views, likes, shares, comments, follows, unfollows,
        watchSeconds, uniqueVisitors, Instant.now());
  }
}
