package id.go.jemberkab.platform.analytics.registrations;

import id.go.jemberkab.platform.contracts.region.Region;
import id.go.jemberkab.platform.contracts.region.RegionDirectory;
import id.go.jemberkab.platform.problems.InvalidRequestException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Locale;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/analytics/citizen-registrations}: registered citizens per kecamatan or desa. */
@RestController
@RequestMapping(path = "/api/v1/analytics", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Citizen registrations")
class RegistrationController {

  record Item(String code, String name, long count) {
  }

  record RegistrationsResponse(String groupBy, List<Item> items) {
  }

  private final RegistrationView view;

  RegistrationController(RegistrationView view) {
    this.view = view;
  }

  @GetMapping("/citizen-registrations")
  @Operation(summary = "Registered citizens per region",
      description = "Counts of citizens in the registry by the kecamatan or desa of their current address, "
          + "ordered by official code; regions without registrations are left out.")
  RegistrationsResponse registrations(
      @Parameter(description = "kecamatan or desa") @RequestParam(defaultValue = "kecamatan") String groupBy) {
    RegistrationView.Grouping grouping = switch (groupBy.toLowerCase(Locale.ROOT)) {
      case "kecamatan" -> RegistrationView.Grouping.KECAMATAN;
      case "desa" -> RegistrationView.Grouping.DESA;
      default -> throw InvalidRequestException.of("groupBy", "group-by.invalid", "groupBy must be kecamatan or desa");
    };
    RegionDirectory regions = RegionDirectory.jember();
    List<Item> items = view.countBy(grouping).stream()
        .map(c -> new Item(c.code(), regions.find(c.code()).map(Region::name).orElse(null), c.count()))
        .toList();
    return new RegistrationsResponse(grouping.name().toLowerCase(Locale.ROOT), items);
  }
}
