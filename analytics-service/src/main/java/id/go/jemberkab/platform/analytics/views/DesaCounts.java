package id.go.jemberkab.platform.analytics.views;

import id.go.jemberkab.platform.contracts.analytics.RegionRegistrations;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The registered citizens of each desa of one kecamatan. The kecamatan's own count is published, so hiding each
 * small desa on its own is not enough: with one desa hidden, the kecamatan's count less the others' is that desa's
 * count. Its rows are therefore suppressed together ({@link #rows}).
 */
final class DesaCounts {

  public TreeMap<String, Long> counts = new TreeMap<>();

  DesaCounts add(String desa) {
    if (desa != null) {
      counts.merge(desa, 1L, Long::sum);
    }
    return this;
  }

  DesaCounts remove(String desa) {
    if (desa != null) {
      // kept at zero: its row says suppressed instead of keeping its last count
      counts.merge(desa, -1L, (a, b) -> Math.max(0, a + b));
    }
    return this;
  }

  /**
   * A row per desa. Desa below {@code k} are hidden (primary suppression); while the hidden ones add up to between
   * 1 and {@code k - 1}, the smallest shown desa is hidden too (secondary suppression), so what the kecamatan's
   * count reveals about the hidden desa is a sum of at least {@code k} over at least two of them.
   */
  List<RegionRegistrations> rows(int k) {
    List<Map.Entry<String, Long>> shown = new ArrayList<>();
    java.util.Set<String> hidden = new java.util.HashSet<>();
    long hiddenSum = 0;
    for (Map.Entry<String, Long> desa : counts.entrySet()) {
      if (desa.getValue() < k) {
        hidden.add(desa.getKey());
        hiddenSum += desa.getValue();
      } else {
        shown.add(desa);
      }
    }
    shown.sort(Map.Entry.<String, Long>comparingByValue().thenComparing(Map.Entry.comparingByKey()));
    for (int i = 0; hiddenSum > 0 && hiddenSum < k && i < shown.size(); i++) {
      hidden.add(shown.get(i).getKey());
      hiddenSum += shown.get(i).getValue();
    }
    List<RegionRegistrations> rows = new ArrayList<>(counts.size());
    counts.forEach((desa, count) -> rows.add(hidden.contains(desa) ? new RegionRegistrations("desa", desa, null, true)
        : new RegionRegistrations("desa", desa, count, false)));
    rows.sort(Comparator.comparing(RegionRegistrations::code));
    return rows;
  }
}
