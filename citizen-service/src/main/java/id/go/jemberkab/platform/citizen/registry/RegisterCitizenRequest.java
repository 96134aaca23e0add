package id.go.jemberkab.platform.citizen.registry;

import id.go.jemberkab.platform.contracts.region.Region;
import id.go.jemberkab.platform.problems.FieldError;
import id.go.jemberkab.platform.problems.InvalidRequestException;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A registration as a department system sends it. Every scalar arrives as a string so that each rule can
 * be checked and reported on its own, all at once.
 */
@Schema(example = """
    {"nik":"3509191708900001","name":"Budi Santoso","birthDate":"1990-08-17","sex":"MALE",
     "desaCode":"35.09.19.1001","address":"Jl. Gajah Mada 12, RT 02/RW 05","phone":"+6281234567890",
     "email":"budi@example.id","consents":["event-notification"]}""")
public record RegisterCitizenRequest(
    @Schema(example = "3509191708900001", description = "16-digit NIK; never echoed in errors or URLs")
    String nik,
    @Schema(example = "Budi Santoso") String name,
    @Schema(example = "1990-08-17", format = "date") String birthDate,
    @Schema(example = "MALE", allowableValues = {"MALE", "FEMALE"}) String sex,
    @Schema(example = "35.09.19.1001", description = "Official desa/kelurahan code of the current address")
    String desaCode,
    @Schema(example = "Jl. Gajah Mada 12, RT 02/RW 05", description = "Optional street address in the desa")
    String address,
    @Schema(example = "+6281234567890", description = "Optional; +62… or 08…, stored as +62…") String phone,
    @Schema(example = "budi@example.id", description = "Optional") String email,
    @Schema(description = "Purposes granted beyond service-delivery (granted by default): event-notification, research")
    List<String> consents) {

  static final LocalDate EARLIEST_BIRTH = LocalDate.of(1900, 1, 1);

  /** A registration that passed every rule, in domain types. */
  record ValidCitizen(Nik nik, String name, LocalDate birthDate, Sex sex, Region desa, String address,
      String phone, String email, Set<Purpose> consents) {
  }

  /** Checks every field and their agreement with the NIK; throws with all field errors at once. */
  ValidCitizen validate(LocalDate today) {
    List<FieldError> errors = new ArrayList<>();
    Optional<String> nikProblem = Nik.formatProblem(nik);
    nikProblem.ifPresent(p -> errors.add(new FieldError("nik", "nik.invalid", "NIK " + p)));
    String cleanName = CitizenFields.name(name, errors);

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

    Region desa = CitizenFields.desa(desaCode, errors);
    String cleanAddress = CitizenFields.address(address, errors);
    String cleanPhone = CitizenFields.phone(phone, errors);
    String cleanEmail = CitizenFields.email(email, errors);

    Set<Purpose> granted = EnumSet.of(Purpose.SERVICE_DELIVERY);
    for (String code : consents == null ? List.<String>of() : consents) {
      Optional<Purpose> purpose = Purpose.of(code);
      if (purpose.isEmpty()) {
        errors.add(new FieldError("consents", "consent.unknown-purpose",
            "consents may hold service-delivery, event-notification, research"));
      } else {
        granted.add(purpose.get());
      }
    }

    if (!errors.isEmpty()) {
      throw new InvalidRequestException(errors);
    }
    return new ValidCitizen(new Nik(nik), cleanName, born, parsedSex, desa, cleanAddress, cleanPhone, cleanEmail,
        granted);
  }
}
