package id.go.jemberkab.platform.citizen.region;

import id.go.jemberkab.platform.problems.InvalidRequestException;
import id.go.jemberkab.platform.contracts.region.Region;
import id.go.jemberkab.platform.contracts.region.RegionDirectory;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/regions}: the kecamatan and desa/kelurahan codes the platform accepts. */
@RestController
@RequestMapping(path = "/api/v1/regions", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Reference data")
class RegionController {

  static final String SOURCE = "Kepmendagri No. 300.2.2-2430 Tahun 2025 (via github.com/cahyadsn/wilayah, MIT)";

  record RegionResponse(String code, String name, String level, String kecamatanCode) {
  }

  @Schema(example = """
      {"source":"Kepmendagri 2025","count":2,"items":[{"code":"35.09.19","name":"Kaliwates","level":"kecamatan",
       "kecamatanCode":"35.09.19"},{"code":"35.09.20","name":"Patrang","level":"kecamatan","kecamatanCode":"35.09.20"}]}""")
  record RegionsResponse(String source, int count, List<RegionResponse> items) {
  }

  @GetMapping
  @Operation(summary = "List official region codes",
      description = "level=kecamatan or desa (desa includes kelurahan); kecamatan=35.09.xx narrows desa to one kecamatan")
  ResponseEntity<RegionsResponse> list(@RequestParam(defaultValue = "kecamatan") String level,
      @RequestParam(required = false) String kecamatan) {
    RegionDirectory directory = RegionDirectory.jember();
    if (kecamatan != null && !directory.isKecamatan(kecamatan)) {
      throw InvalidRequestException.of("kecamatan", "kecamatan.unknown", "kecamatan must be an official code, 35.09.xx");
    }
    List<Region> regions = switch (level.toLowerCase(Locale.ROOT)) {
      case "kecamatan" -> directory.all(Region.Level.KECAMATAN);
      case "desa" -> Stream.concat(directory.all(Region.Level.DESA).stream(),
              directory.all(Region.Level.KELURAHAN).stream())
          .filter(r -> kecamatan == null || r.kecamatanCode().equals(kecamatan))
          .sorted(Comparator.comparing(Region::code))
          .toList();
      default -> throw InvalidRequestException.of("level", "level.invalid", "level must be kecamatan or desa");
    };
    List<RegionResponse> items = regions.stream()
        .map(r -> new RegionResponse(r.code(), r.name(), r.level().name().toLowerCase(Locale.ROOT), r.kecamatanCode()))
        .toList();
    return ResponseEntity.ok().cacheControl(CacheControl.maxAge(Duration.ofDays(1)).cachePublic())
        .body(new RegionsResponse(SOURCE, items.size(), items));
  }
}
