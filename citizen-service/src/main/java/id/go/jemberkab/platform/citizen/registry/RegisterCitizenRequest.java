package id.go.jemberkab.platform.citizen.registry;

import id.go.jemberkab.platform.problems.FieldError;
import id.go.jemberkab.platform.problems.InvalidRequestException;
import id.go.jemberkab.platform.contracts.region.Region;
import id.go.jemberkab.platform.contracts.region.RegionDirectory;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A registration as a department system sends it. Every field arrives as a string so that each rule can
 * be checked and reported on its own, all at once.
 */
public record RegisterCitizenRequest(
    @Schema(example = "3509191708900001", description = "16-digit NIK; never echoed in errors or URLs")
    String nik,
    @Schema(example = "Budi Santoso") String name,
    @Schema(example = "1990-08-17", format = "date") String birthDate,
    @Schema(example = "MALE", allowableValues = {"MALE", "FEMALE"}) String sex,
    @Schema(example = "35.09.19.1001", description = "Official desa/kelurahan code of the current address")
    String desaCode,
    @Schema(example = "+6281234567890", description = "Optional; +62… or 08…, stored as +62…") String phone) {

  static final int MAX_NAME_LENGTH = 100;
  static final LocalDate EARLIEST_BIRTH = LocalDate.of(1900, 1, 1);

  /** A registration that passed every rule, in domain types. */
  record ValidCitizen(Nik nik, String name, LocalDate birthDate, Sex sex, Region desa, String phone) {
  }

  /** Checks every field and their agreement with the NIK; throws with all field errors at once. */
  ValidCitizen validate(LocalDate today) {
    List<FieldError> errors = new ArrayList<>();
    Optional<String> nikProblem = Nik.formatProblem(nik);
    nikProblem.ifPresent(p -> errors.add(new FieldError("nik", "nik.invalid", "NIK " + p)));

    String cleanName = name == null ? "" : name.strip().replaceAll("\\s+", " ");
    if (cleanName.isEmpty()) {
      errors.add(new FieldError("name", "required", "name is required"));
    } else if (cleanName.length() > MAX_NAME_LENGTH) {
      errors.add(new FieldError("name", "name.too-long", "name is longer than " + MAX_NAME_LENGTH + " characters"));
    } else if (!cleanName.matches("\\p{L}[\\p{L} .,'-]*")) {
      errors.add(new FieldError("name", "name.invalid", "name may hold letters, spaces and . , ' - only"));
    }

    LocalDate born = null;
    if (birthDate == null || birthDate.isBlank()) {
      errors.add(new FieldError("birthDate", "required", "birthDate is required"));
    } else {
      try {
        born = LocalDate.parse(birthDate);
        if (born.isAfter(today) || born.isBefore(EARLIEST_BIRTH)) {
          errors.add(new FieldError("birthDate", "birth-date.out-of-range",
              "birthDate must lie between " + EARLIEST_BIRTH + " and today"));
          born = null;
        }
      } catch (DateTimeParseException e) {
        errors.add(new FieldError("birthDate", "birth-date.invalid", "birthDate must be a date, YYYY-MM-DD"));
      }
    }

    Sex parsedSex = null;
    if (sex == null || sex.isBlank()) {
      errors.add(new FieldError("sex", "required", "sex is required"));
    } else if (!sex.equals("MALE") && !sex.equals("FEMALE")) {
      errors.add(new FieldError("sex", "sex.invalid", "sex must be MALE or FEMALE"));
    } else {
      parsedSex = Sex.valueOf(sex);
    }

    if (nikProblem.isEmpty()) {
      Nik parsed = new Nik(nik);
      if (born != null && !parsed.encodesBirthDate(born)) {
        errors.add(new FieldError("nik", "nik.birth-date-mismatch",
            "NIK digits 7-12 do not encode birthDate (DDMMYY, day + 40 for women)"));
      }
      if (parsedSex != null && parsed.sex() != parsedSex) {
        errors.add(new FieldError("sex", "sex.nik-mismatch", "sex does not agree with the NIK's day of birth"));
      }
    }

    Optional<Region> desa = RegionDirectory.jember().find(desaCode).filter(r -> r.level().isVillage());
    if (desaCode == null || desaCode.isBlank()) {
      errors.add(new FieldError("desaCode", "required", "desaCode is required"));
    } else if (desa.isEmpty()) {
      errors.add(new FieldError("desaCode", "desa-code.unknown",
          "desaCode is not an official desa/kelurahan code of Kabupaten Jember (35.09.xx.xxxx)"));
    }

    String normalisedPhone = null;
    if (phone != null && !phone.isBlank()) {
      normalisedPhone = normalisePhone(phone);
      if (normalisedPhone == null) {
        errors.add(new FieldError("phone", "phone.invalid",
            "phone must be an Indonesian number, +62… or 08…, 9 to 13 digits"));
      }
    }

    if (!errors.isEmpty()) {
      throw new InvalidRequestException(errors);
    }
    return new ValidCitizen(new Nik(nik), cleanName, born, parsedSex, desa.get(), normalisedPhone);
  }

  /** {@code +62…}, {@code 62…} or {@code 08…}, with spaces or dashes, to E.164; null when not a number. */
  static String normalisePhone(String raw) {
    String digits = raw.strip().replaceAll("[\\s-]", "");
    if (digits.startsWith("+62")) {
      digits = digits.substring(3);
    } else if (digits.startsWith("62")) {
      digits = digits.substring(2);
    } else if (digits.startsWith("0")) {
      digits = digits.substring(1);
    } else {
      return null;
    }
    return digits.matches("[1-9][0-9]{7,11}") ? "+62" + digits : null;
  }
}
