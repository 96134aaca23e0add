package id.go.jemberkab.platform.citizen.privacy;

import io.swagger.v3.oas.annotations.media.Schema;
import id.go.jemberkab.platform.citizen.registration.RegistrationDesk;
import id.go.jemberkab.platform.citizen.registry.CitizenRegistry;
import id.go.jemberkab.platform.citizen.servicerequest.ServiceRequests;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Service;

/** Export and erasure of everything citizen-service holds about one citizen. */
@Service
public class DataSubjectRights {

  private final CitizenRegistry registry;
  private final ServiceRequests serviceRequests;
  private final RegistrationDesk registrations;
  private final Clock clock;

  DataSubjectRights(CitizenRegistry registry, ServiceRequests serviceRequests, RegistrationDesk registrations,
      Clock clock) {
    this.registry = registry;
    this.serviceRequests = serviceRequests;
    this.registrations = registrations;
    this.clock = clock;
  }

  /** Everything held about the citizen, in one JSON document. */
  public Map<String, Object> export(String citizenId) {
    Map<String, Object> export = new LinkedHashMap<>();
    export.put("exportedAt", Instant.now(clock));
    export.put("controller", "Pemerintah Kabupaten Jember — citizen-service");
    export.putAll(registry.exportRecord(citizenId));
    export.put("serviceRequests", serviceRequests.forCitizen(citizenId));
    export.put("eventRegistrations", registrations.forCitizen(citizenId));
    return export;
  }

  /** The outcome of an erasure. */
  @Schema(example = """
      {"id":"bd404486-66c8-4b21-8a09-7b2944332473","citizenRef":"e5733f020daf13515f979eda5e0f093b",
       "serviceRequestsUnlinked":2,"registrationsUnlinked":1}""")
  public record Erasure(String id, String citizenRef, long serviceRequestsUnlinked, long registrationsUnlinked) {
  }

  /**
   * Erases the citizen's personal data and unlinks their requests and registrations (which stay, as the
   * regency's own records). Repeating it is harmless: a failure halfway is finished by sending it again.
   */
  public Erasure erase(String citizenId) {
    String citizenRef = registry.erase(citizenId);
    long requests = serviceRequests.unlinkCitizen(citizenId);
    long seats = registrations.unlinkCitizen(citizenId);
    return new Erasure(citizenId, citizenRef, requests, seats);
  }
}
