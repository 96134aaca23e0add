package id.go.jemberkab.platform.citizen.registry;

import java.util.Arrays;
import java.util.Optional;

/**
 * The purposes a citizen consents to (UU PDP): what the platform may do with their data.
 * {@code service-delivery} is granted at registration (the registry's public task) and may be withdrawn;
 * the others only when the citizen grants them.
 */
public enum Purpose {

  /** Linking service requests to the citizen and answering them. */
  SERVICE_DELIVERY("service-delivery"),
  /** Registering for events as this citizen and being told of seat offers. */
  EVENT_NOTIFICATION("event-notification"),
  /** Including the citizen's pseudonymous records in research exports. */
  RESEARCH("research");

  private final String code;

  Purpose(String code) {
    this.code = code;
  }

  public String code() {
    return code;
  }

  public static Optional<Purpose> of(String code) {
    return Arrays.stream(values()).filter(p -> p.code.equals(code)).findFirst();
  }
}
