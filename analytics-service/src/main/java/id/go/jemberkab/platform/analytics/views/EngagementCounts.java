package id.go.jemberkab.platform.analytics.views;

import id.go.jemberkab.platform.contracts.analytics.EngagementWindow;
import id.go.jemberkab.platform.contracts.content.EngagementRecorded;
import java.time.Instant;
import java.util.TreeSet;

/** The running counts of one engagement window; the visitor hashes are kept to count each visitor once. */
final class EngagementCounts {

  public long views;
  public long likes;
  public long shares;
  public long comments;
  public long follows;
  public long unfollows;
  public long watchSeconds;
  public TreeSet<String> visitors = new TreeSet<>();

  EngagementCounts add(EngagementRecorded e) {
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
    if (e.visitorHash() != null) {
      visitors.add(e.visitorHash());
    }
    return this;
  }

  EngagementWindow toWindow(String scope, String key, String window, Instant start, Instant end) {
    return new EngagementWindow(scope, key, window, start, end, views, likes, shares, comments, follows, unfollows,
        watchSeconds, visitors.size(), Instant.now());
  }
}
