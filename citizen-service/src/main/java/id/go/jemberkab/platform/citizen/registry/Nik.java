package id.go.jemberkab.platform.citizen.registry;

import id.go.jemberkab.platform.contracts.region.RegionDirectory;
import java.time.LocalDate;
import java.util.Optional;
import java.util.Set;

/**
 * Nomor Induk Kependudukan: 16 digits, {@code PPKKCC DDMMYY SSSS}. PPKKCC is the kecamatan of first
 * registration (it does not change when the person moves), DDMMYY the birth date with 40 added to the
 * day for women, SSSS a serial that is never 0000. Never logged, never in a URL, never in an event.
 */
public record Nik(String value) {

  /** Province codes of Kemendagri, including the Papua provinces formed in 2022. */
  static final Set<String> PROVINCES = Set.of("11", "12", "13", "14", "15", "16", "17", "18", "19", "21",
      "31", "32", "33", "34", "35", "36", "51", "52", "53", "61", "62", "63", "64", "65",
      "71", "72", "73", "74", "75", "76", "81", "82", "91", "92", "93", "94", "95", "96");

  private static final String JEMBER = "3509";

  public Nik {
    Optional<String> problem = formatProblem(value);
    if (problem.isPresent()) {
      throw new IllegalArgumentException(problem.get());
    }
  }

  /**
   * What is wrong with the NIK on its own (shape, region, date digits, serial), or empty. Messages never
   * contain the digits.
   */
  static Optional<String> formatProblem(String value) {
    if (value == null || !value.matches("[0-9]{16}")) {
      return Optional.of("must be exactly 16 digits");
    }
    String province = value.substring(0, 2);
    if (!PROVINCES.contains(province)) {
      return Optional.of("first two digits are not an Indonesian province code");
    }
    if (value.startsWith(JEMBER)) {
      String kecamatan = "35.09." + value.substring(4, 6);
      if (!RegionDirectory.jember().isKecamatan(kecamatan)) {
        return Optional.of("digits 5-6 are not a kecamatan of Kabupaten Jember");
      }
    }
    int day = Integer.parseInt(value.substring(6, 8));
    int month = Integer.parseInt(value.substring(8, 10));
    int yy = Integer.parseInt(value.substring(10, 12));
    if (!(day >= 1 && day <= 31 || day >= 41 && day <= 71) || month < 1 || month > 12
        || !existsInEitherCentury(day > 40 ? day - 40 : day, month, yy)) {
      return Optional.of("digits 7-12 are not a birth date (DDMMYY, day + 40 for women)");
    }
    if (value.endsWith("0000")) {
      return Optional.of("serial (last four digits) must not be 0000");
    }
    return Optional.empty();
  }

  /** 29 February with YY = 00 exists (2000), with YY = 01 it does not: the century is not in the NIK. */
  private static boolean existsInEitherCentury(int day, int month, int yy) {
    return java.time.YearMonth.of(1900 + yy, month).isValidDay(day)
        || java.time.YearMonth.of(2000 + yy, month).isValidDay(day);
  }

  /** The sex the NIK encodes. */
  public Sex sex() {
    return birthDay() > 40 ? Sex.FEMALE : Sex.MALE;
  }

  /** True when DDMMYY is this birth date: same day, month and two-digit year. */
  public boolean encodesBirthDate(LocalDate birthDate) {
    int day = birthDay() > 40 ? birthDay() - 40 : birthDay();
    int month = Integer.parseInt(value.substring(8, 10));
    int year = Integer.parseInt(value.substring(10, 12));
    return birthDate.getDayOfMonth() == day && birthDate.getMonthValue() == month
        && birthDate.getYear() % 100 == year;
  }

  private int birthDay() {
    return Integer.parseInt(value.substring(6, 8));
  }

  @Override
  public String toString() {
    return "Nik[****]";
  }
}
