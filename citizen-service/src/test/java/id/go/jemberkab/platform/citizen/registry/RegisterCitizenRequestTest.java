package id.go.jemberkab.platform.citizen.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import id.go.jemberkab.platform.problems.FieldError;
import id.go.jemberkab.platform.problems.InvalidRequestException;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class RegisterCitizenRequestTest {

  private static final LocalDate TODAY = LocalDate.of(2026, 11, 27);

  @Test
  void acceptsTheFoundationExampleAndNormalisesItsFields() {
    var citizen = new RegisterCitizenRequest("3509191708900001", " Budi   Santoso ", "1990-08-17", "MALE",
        "35.09.19.1001", " Jl. Gajah Mada 12 ", "0812-3456-7890", "Budi@Example.ID", List.of("research"))
        .validate(TODAY);
    assertThat(citizen.name()).isEqualTo("Budi Santoso");
    assertThat(citizen.desa().kecamatanCode()).isEqualTo("35.09.19");
    assertThat(citizen.phone()).isEqualTo("+6281234567890");
    assertThat(citizen.email()).isEqualTo("budi@example.id");
    assertThat(citizen.address()).isEqualTo("Jl. Gajah Mada 12");
    assertThat(citizen.consents()).containsExactlyInAnyOrder(Purpose.SERVICE_DELIVERY, Purpose.RESEARCH);
  }

  @Test
  void acceptsAWomanWhoseNikAddsFortyToTheDay() {
    var citizen = request("3509195708900002", "Siti Aminah", "1990-08-17", "FEMALE", "35.09.19.1001", null)
        .validate(TODAY);
    assertThat(citizen.sex()).isEqualTo(Sex.FEMALE);
  }

  @Test
  void acceptsADesaInAnotherKecamatanThanTheNiks() {
    // the NIK keeps the place of first registration when the citizen moves
    var citizen = request("3509191708900001", "Budi", "1990-08-17", "MALE", "35.09.01.2001", null).validate(TODAY);
    assertThat(citizen.desa().kecamatanCode()).isEqualTo("35.09.01");
  }

  @Test
  void rejectsABirthDateTheNikDoesNotEncode() {
    assertThat(errors(request("3509191708900001", "Budi", "1990-08-18", "MALE", "35.09.19.1001", null)))
        .extracting(FieldError::code).containsExactly("nik.birth-date-mismatch");
  }

  @Test
  void rejectsASexTheNikDoesNotEncode() {
    assertThat(errors(request("3509191708900001", "Budi", "1990-08-17", "FEMALE", "35.09.19.1001", null)))
        .extracting(FieldError::code).containsExactly("sex.nik-mismatch");
  }

  @Test
  void reportsEveryBrokenFieldAtOnceWithoutRepeatingTheValues() {
    String nik = "3509991708900001";
    List<FieldError> errors = errors(new RegisterCitizenRequest(nik, "", "17-08-1990", "L", "35.09.19", null,
        "12345", "not-an-address", List.of("marketing")));
    assertThat(errors).extracting(FieldError::field)
        .containsExactlyInAnyOrder("nik", "name", "birthDate", "sex", "desaCode", "phone", "email", "consents");
    assertThat(errors).allSatisfy(e -> assertThat(e.message()).doesNotContain(nik).doesNotContain("12345")
        .doesNotContain("not-an-address"));
  }

  @Test
  void rejectsAnImpossibleCalendarDateAndAFutureBirth() {
    assertThat(errors(request("3509193102900001", "Budi", "1990-02-31", "MALE", "35.09.19.1001", null)))
        .extracting(FieldError::code).containsExactlyInAnyOrder("nik.invalid", "birth-date.invalid");
    assertThat(errors(request("3509191708300001", "Budi", "2030-08-17", "MALE", "35.09.19.1001", null)))
        .extracting(FieldError::code).containsExactly("birth-date.out-of-range");
  }

  @Test
  void rejectsAKecamatanCodeWhereADesaIsExpected() {
    assertThat(errors(request("3509191708900001", "Budi", "1990-08-17", "MALE", "35.09.19", null)))
        .extracting(FieldError::code).containsExactly("desa-code.unknown");
  }

  @Test
  void requiresEveryFieldButTheContactDetails() {
    assertThat(errors(request(null, null, null, null, null, null)))
        .extracting(FieldError::field).containsExactlyInAnyOrder("nik", "name", "birthDate", "sex", "desaCode");
  }

  private static RegisterCitizenRequest request(String nik, String name, String birthDate, String sex,
      String desaCode, String phone) {
    return new RegisterCitizenRequest(nik, name, birthDate, sex, desaCode, null, phone, null, null);
  }

  private static List<FieldError> errors(RegisterCitizenRequest request) {
    return ((InvalidRequestException) catchThrowable(() -> request.validate(TODAY))).errors();
  }
}
