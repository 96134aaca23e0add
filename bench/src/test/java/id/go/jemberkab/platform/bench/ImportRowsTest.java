package id.go.jemberkab.platform.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ImportRowsTest {

  private final List<List<String>> desa = IntStream.rangeClosed(1, 31)
      .mapToObj(k -> List.of(String.format("35.09.%02d.2001", k), String.format("35.09.%02d.2002", k))).toList();

  @Test
  void generatesDistinctNiksWhoseRegionIsTheDesasKecamatan() {
    Set<String> niks = new HashSet<>();
    for (int i = 0; i < 700_000; i++) {
      String[] row = Import.row(i, 17, desa).strip().split(",");
      assertThat(row[0]).hasSize(16).startsWith("3509" + row[4].substring(6, 8));
      niks.add(row[0]);
    }
    assertThat(niks).hasSize(700_000);
  }
}
