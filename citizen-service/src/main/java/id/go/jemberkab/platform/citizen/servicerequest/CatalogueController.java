package id.go.jemberkab.platform.citizen.servicerequest;

import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/service-catalogue}: the services requests can be filed for, managed through the API. */
@RestController
@RequestMapping(path = "/api/v1/service-catalogue", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Service requests")
class CatalogueController {

  private final ServiceCatalogue catalogue;

  CatalogueController(ServiceCatalogue catalogue) {
    this.catalogue = catalogue;
  }

  /** A service definition as clients send and read it. */
  @Schema(example = """
      {"code":"jalan-rusak","name":"Jalan rusak","description":"Lubang atau kerusakan jalan kabupaten",
       "opd":"Dinas Pekerjaan Umum Bina Marga dan Sumber Daya Air","group":"Infrastruktur",
       "keywords":["jalan","lubang","aspal"],"slaWorkingDays":10,
       "attributes":[{"code":"tingkat-kerusakan","description":"Seberapa parah kerusakannya?","datatype":"singlevaluelist",
       "required":true,"order":1,"values":[{"key":"ringan","name":"Ringan"},{"key":"berat","name":"Berat"}]}]}""")
  record ServiceDefinitionBody(String code, String name, String description, String opd, String group,
      List<String> keywords, Integer slaWorkingDays, List<ServiceDefinition.Attribute> attributes) {

    static ServiceDefinitionBody of(ServiceDefinition d) {
      return new ServiceDefinitionBody(d.code(), d.name(), d.description(), d.opd(), d.group(), d.keywords(),
          d.slaWorkingDays(), d.attributes());
    }
  }

  @GetMapping
  @Operation(summary = "The service catalogue")
  List<ServiceDefinitionBody> all() {
    return catalogue.all().stream().map(ServiceDefinitionBody::of).toList();
  }

  @GetMapping("/{code}")
  @Operation(summary = "One service definition with its attributes")
  ServiceDefinitionBody get(@PathVariable String code) {
    return ServiceDefinitionBody.of(catalogue.get(code));
  }

  @PutMapping(path = "/{code}", consumes = MediaType.APPLICATION_JSON_VALUE)
  @Operation(summary = "Create or replace a service definition",
      description = "201 when new, 200 when replaced; 400 listing every invalid field.")
  ResponseEntity<ServiceDefinitionBody> put(@PathVariable String code, @RequestBody ServiceDefinitionBody body) {
    boolean created = catalogue.put(code, new ServiceDefinition(code, body.name(), body.description(), body.opd(),
        body.group(), body.keywords(), body.slaWorkingDays() == null ? 0 : body.slaWorkingDays(), body.attributes()));
    ServiceDefinitionBody saved = ServiceDefinitionBody.of(catalogue.get(code));
    return created ? ResponseEntity.created(URI.create("/api/v1/service-catalogue/" + code)).body(saved)
        : ResponseEntity.ok(saved);
  }
}
