package id.go.jemberkab.platform.citizen.registry;

import id.go.jemberkab.platform.contracts.region.Region;
import id.go.jemberkab.platform.contracts.region.RegionDirectory;
import id.go.jemberkab.platform.problems.FieldError;
import java.util.List;
import java.util.Optional;

/**
 * The rules of a citizen's mutable fields, shared by registration and update. Each check adds its field
 * error to the list and returns the normalised value (null when absent or invalid). Messages never repeat
 * the submitted value.
 */
final class CitizenFields {

  static final int MAX_NAME_LENGTH = 100;
  static final int MAX_ADDRESS_LENGTH = 200;
  static final int MAX_EMAIL_LENGTH = 254;

  private CitizenFields() {
  }

  static String name(String raw, List<FieldError> errors) {
    String clean = raw == null ? "" : raw.strip().replaceAll("\\s+", " ");
    if (clean.isEmpty()) {
      errors.add(new FieldError("name", "required", "name is required"));
    } else if (clean.length() > MAX_NAME_LENGTH) {
      errors.add(new FieldError("name", "name.too-long", "name is longer than " + MAX_NAME_LENGTH + " characters"));
    } else if (!clean.matches("\\p{L}[\\p{L} .,'-]*")) {
      errors.add(new FieldError("name", "name.invalid", "name may hold letters, spaces and . , ' - only"));
    } else {
      return clean;
    }
    return null;
  }

  static Region desa(String code, List<FieldError> errors) {
    if (code == null || code.isBlank()) {
      errors.add(new FieldError("desaCode", "required", "desaCode is required"));
      return null;
    }
    Optional<Region> desa = RegionDirectory.jember().find(code).filter(r -> r.level().isVillage());
    if (desa.isEmpty()) {
      errors.add(new FieldError("desaCode", "desa-code.unknown",
          "desaCode is not an official desa/kelurahan code of Kabupaten Jember (35.09.xx.xxxx)"));
      return null;
    }
    return desa.get();
  }

  /** Optional street address within the desa (RT/RW, jalan, dusun). */
  static String address(String raw, List<FieldError> errors) {
    if (raw == null || raw.isBlank()) {
      return null;
    }
    String clean = raw.strip().replaceAll("\\s+", " ");
    if (clean.length() > MAX_ADDRESS_LENGTH) {
      errors.add(new FieldError("address", "address.too-long",
          "address is longer than " + MAX_ADDRESS_LENGTH + " characters"));
      return null;
    }
    if (clean.chars().anyMatch(Character::isISOControl)) {
      errors.add(new FieldError("address", "address.invalid", "address may not hold control characters"));
      return null;
    }
    return clean;
  }

  /** Optional; {@code +62…}, {@code 62…} or {@code 08…}, with spaces or dashes, stored as E.164. */
  static String phone(String raw, List<FieldError> errors) {
    if (raw == null || raw.isBlank()) {
      return null;
    }
    String digits = raw.strip().replaceAll("[\\s-]", "");
    if (digits.startsWith("+62")) {
      digits = digits.substring(3);
    } else if (digits.startsWith("62")) {
      digits = digits.substring(2);
    } else if (digits.startsWith("0")) {
      digits = digits.substring(1);
    } else {
      digits = "";
    }
    if (!digits.matches("[1-9][0-9]{7,11}")) {
      errors.add(new FieldError("phone", "phone.invalid",
          "phone must be an Indonesian number, +62… or 08…, 9 to 13 digits"));
      return null;
    }
    return "+62" + digits;
  }

  /** Optional; a plain address, stored lower-case. */
  static String email(String raw, List<FieldError> errors) {
    if (raw == null || raw.isBlank()) {
      return null;
    }
    String clean = raw.strip().toLowerCase(java.util.Locale.ROOT);
    if (clean.length() > MAX_EMAIL_LENGTH || !clean.matches("[a-z0-9._%+-]+@[a-z0-9-]+(\\.[a-z0-9-]+)*\\.[a-z]{2,}")) {
      errors.add(new FieldError("email", "email.invalid", "email must be an e-mail address, name@domain"));
      return null;
    }
    return clean;
  }
}
