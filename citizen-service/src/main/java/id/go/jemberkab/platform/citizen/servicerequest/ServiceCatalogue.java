package id.go.jemberkab.platform.citizen.servicerequest;

import id.go.jemberkab.platform.problems.FieldError;
import id.go.jemberkab.platform.problems.InvalidRequestException;
import id.go.jemberkab.platform.problems.NotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The services the regency answers requests for. Seeded on first start with a Jember catalogue
 * ({@code seed/service-catalogue.json}); operators' later changes are never overwritten by the seed.
 */
@Service
public class ServiceCatalogue {

  static final int MAX_SLA_WORKING_DAYS = 90;

  private final MongoTemplate mongo;

  ServiceCatalogue(MongoTemplate mongo, JsonMapper json) {
    this.mongo = mongo;
    try (InputStream seed = getClass().getClassLoader().getResourceAsStream("seed/service-catalogue.json")) {
      List<ServiceDefinition> services = json.readValue(seed, new TypeReference<List<ServiceDefinition>>() { });
      for (ServiceDefinition service : services) {
        try {
          mongo.insert(service);
        } catch (DuplicateKeyException alreadyThere) {
          // keep what operators made of it
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  List<ServiceDefinition> all() {
    return mongo.find(new Query().with(Sort.by("group", "code")), ServiceDefinition.class);
  }

  ServiceDefinition get(String code) {
    ServiceDefinition service = code == null ? null : mongo.findById(code, ServiceDefinition.class);
    if (service == null) {
      throw new NotFoundException("No service with this code in the catalogue.");
    }
    return service;
  }

  /** Creates or replaces a definition after checking it; true when it was new. */
  boolean put(String code, ServiceDefinition definition) {
    List<FieldError> errors = new ArrayList<>();
    if (!code.matches("[A-Z0-9][A-Z0-9_-]{1,31}")) {
      errors.add(new FieldError("code", "code.invalid", "code is 2-32 capitals, digits, - or _"));
    }
    text(errors, "name", definition.name(), 100, true);
    text(errors, "description", definition.description(), 1000, false);
    text(errors, "opd", definition.opd(), 64, true);
    if (definition.opd() != null && !definition.opd().isBlank() && definition.opd().strip().length() < 2) {
      // the service-request events carry it, and their schema asks for 2 to 64 characters
      errors.add(new FieldError("opd", "opd.too-short", "opd is at least 2 characters"));
    }
    if (definition.keywords() != null && definition.keywords().stream().anyMatch(k -> k == null || k.isBlank())) {
      errors.add(new FieldError("keywords", "keywords.invalid", "keywords are non-empty strings"));
    }
    text(errors, "group", definition.group(), 64, false);
    if (definition.slaWorkingDays() < 1 || definition.slaWorkingDays() > MAX_SLA_WORKING_DAYS) {
      errors.add(new FieldError("slaWorkingDays", "sla.out-of-range",
          "slaWorkingDays must lie between 1 and " + MAX_SLA_WORKING_DAYS));
    }
    Set<String> codes = new HashSet<>();
    List<ServiceDefinition.Attribute> attributes = definition.attributes() == null ? List.of() : definition.attributes();
    for (int i = 0; i < attributes.size(); i++) {
      ServiceDefinition.Attribute a = attributes.get(i);
      String at = "attributes[" + i + "]";
      if (a == null) {
        errors.add(new FieldError(at, "attribute.invalid", "each attribute is an object"));
        continue;
      }
      if (a.code() == null || !a.code().matches("[a-z][a-z0-9_]{0,39}") || !codes.add(a.code())) {
        errors.add(new FieldError(at + ".code", "attribute.code-invalid",
            "attribute codes are unique, lower-case letters, digits and _"));
      }
      var type = Datatype.of(a.datatype());
      if (type.isEmpty()) {
        errors.add(new FieldError(at + ".datatype", "attribute.datatype-invalid",
            "datatype is string, number, datetime, text, singlevaluelist or multivaluelist"));
      } else if ((type.get() == Datatype.SINGLEVALUELIST || type.get() == Datatype.MULTIVALUELIST)
          && (a.values() == null || a.values().isEmpty())) {
        errors.add(new FieldError(at + ".values", "attribute.values-missing", "list attributes need values"));
      } else if (a.values() != null && a.values().stream().anyMatch(v -> v == null || v.key() == null
          || v.key().isBlank() || v.key().length() > 64)) {
        errors.add(new FieldError(at + ".values", "attribute.values-invalid",
            "each value is an object with a key of 1 to 64 characters"));
      }
    }
    if (!errors.isEmpty()) {
      throw new InvalidRequestException(errors);
    }
    boolean created = !mongo.exists(Query.query(org.springframework.data.mongodb.core.query.Criteria.where("_id")
        .is(code)), ServiceDefinition.class);
    mongo.save(new ServiceDefinition(code, definition.name().strip(), definition.description(), definition.opd().strip(),
        definition.group(), definition.keywords() == null ? List.of() : definition.keywords(),
        definition.slaWorkingDays(), attributes));
    return created;
  }

  private static void text(List<FieldError> errors, String field, String value, int max, boolean required) {
    if (value == null || value.isBlank()) {
      if (required) {
        errors.add(new FieldError(field, "required", field + " is required"));
      }
    } else if (value.length() > max) {
      errors.add(new FieldError(field, field + ".too-long", field + " is longer than " + max + " characters"));
    }
  }
}
