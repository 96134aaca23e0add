package id.go.jemberkab.platform.contracts.region;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The official region codes of Kabupaten Jember (Kepmendagri No. 300.2.2-2430 Tahun 2025): 31 kecamatan,
 * 248 desa/kelurahan. Read once from {@code reference/jember-wilayah.csv}; immutable.
 */
public final class RegionDirectory {

  public static final String RESOURCE = "reference/jember-wilayah.csv";

  private static final RegionDirectory JEMBER = load();

  private final Map<String, Region> byCode;

  private RegionDirectory(Map<String, Region> byCode) {
    this.byCode = Collections.unmodifiableMap(byCode);
  }

  /** The directory of Kabupaten Jember, as shipped with the platform. */
  public static RegionDirectory jember() {
    return JEMBER;
  }

  public Optional<Region> find(String code) {
    return Optional.ofNullable(code == null ? null : byCode.get(code));
  }

  public boolean isKecamatan(String code) {
    return find(code).filter(r -> r.level() == Region.Level.KECAMATAN).isPresent();
  }

  /** True for an official desa or kelurahan code. */
  public boolean isVillage(String code) {
    return find(code).filter(r -> r.level().isVillage()).isPresent();
  }

  public List<Region> all(Region.Level level) {
    return byCode.values().stream().filter(r -> r.level() == level).toList();
  }

  private static RegionDirectory load() {
    Map<String, Region> regions = new LinkedHashMap<>();
    try (InputStream in = RegionDirectory.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing reference data " + RESOURCE);
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      String line;
      boolean header = true;
      while ((line = reader.readLine()) != null) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        if (header) {
          header = false;
          continue;
        }
        String[] cols = line.split(",", -1);
        if (cols.length != 3) {
          throw new IllegalStateException("malformed region row: " + line);
        }
        Region region = new Region(cols[0].trim(), cols[1].trim(),
            Region.Level.valueOf(cols[2].trim().toUpperCase(Locale.ROOT)));
        regions.put(region.code(), region);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new RegionDirectory(regions);
  }
}
