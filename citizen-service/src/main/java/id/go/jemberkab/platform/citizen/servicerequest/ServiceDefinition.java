package id.go.jemberkab.platform.citizen.servicerequest;

import java.util.List;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One service of the catalogue: what can be requested, which department (OPD) answers, in how many working
 * days, and the attributes a request must describe (Open311 service definition).
 */
@Document(ServiceDefinition.COLLECTION)
record ServiceDefinition(@Id String code, String name, String description, String opd, String group,
    List<String> keywords, int slaWorkingDays, List<Attribute> attributes) {

  static final String COLLECTION = "service_catalogue";

  /** An attribute a request of this service carries (Open311 {@code attributes}). */
  record Attribute(String code, String datatype, boolean required, String description, int order,
      List<Value> values) {
  }

  /** One allowed value of a list attribute. */
  record Value(String key, String name) {
  }
}
