package id.go.jemberkab.platform.citizen.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NikTest {

  @Test
  void readsSexAndBirthDateOfAJemberNik() {
    Nik nik = new Nik("3509191708900001");
    assertThat(nik.sex()).isEqualTo(Sex.MALE);
    assertThat(nik.encodesBirthDate(LocalDate.of(1990, 8, 17))).isTrue();
    assertThat(nik.encodesBirthDate(LocalDate.of(1990, 8, 18))).isFalse();
    assertThat(nik.encodesBirthDate(LocalDate.of(1991, 8, 17))).isFalse();
  }

  @Test
  void readsTheFortyAddedToTheDayForWomen() {
    Nik nik = new Nik("3509195708900002");
    assertThat(nik.sex()).isEqualTo(Sex.FEMALE);
    assertThat(nik.encodesBirthDate(LocalDate.of(1990, 8, 17))).isTrue();
  }

  @Test
  void acceptsAFirstRegistrationOutsideJemberWithAValidProvince() {
    assertThat(Nik.formatProblem("3578011708900001")).isEmpty(); // Surabaya
    assertThat(Nik.formatProblem("9501011708900001")).isEmpty(); // Papua Pegunungan, formed 2022
  }

  @ParameterizedTest
  @CsvSource({
      "350919170890001, 16 digits",
      "35091917089000a1, 16 digits",
      "9909191708900001, province",
      "3509991708900001, kecamatan of Kabupaten Jember",
      "3509193208900001, birth date",
      "3509193102900001, birth date",
      "3509192902010001, birth date",
      "3509197202900001, birth date",
      "3509197208900001, birth date",
      "3509191713900001, birth date",
      "3509191708900000, serial"})
  void rejectsAnImpossibleNik(String nik, String reason) {
    assertThat(Nik.formatProblem(nik)).hasValueSatisfying(p -> assertThat(p).contains(reason));
    assertThatThrownBy(() -> new Nik(nik)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void acceptsTheTwentyNinthOfFebruaryOfALeapYear() {
    assertThat(Nik.formatProblem("3509192902000001")).isEmpty();
    assertThat(Nik.formatProblem("3509196902960001")).isEmpty(); // a woman born 29-02-1996
  }

  @Test
  void neverPrintsItsDigits() {
    assertThat(new Nik("3509191708900001").toString()).doesNotContain("3509");
  }
}
