package id.go.jemberkab.platform.testsupport;

import java.time.LocalDate;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Registration bodies that pass every NIK rule: a Jember kecamatan of first registration, the birth date
 * in DDMMYY (day + 40 for women) and a random non-zero serial, so each call gives a fresh citizen.
 */
public final class SampleCitizens {

  private SampleCitizens() {
  }

  /** A NIK first registered in Kaliwates (35.09.19), born on {@code birthDate}. */
  public static String nik(LocalDate birthDate, boolean female) {
    int serial = ThreadLocalRandom.current().nextInt(1, 10_000);
    int day = birthDate.getDayOfMonth() + (female ? 40 : 0);
    return String.format("350919%02d%02d%02d%04d", day, birthDate.getMonthValue(), birthDate.getYear() % 100, serial);
  }

  /** A registration JSON with a random birth date and serial, living in {@code desaCode}. */
  public static String registration(String desaCode) {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    LocalDate born = LocalDate.of(1950, 1, 1).plusDays(random.nextInt(365 * 55));
    boolean female = random.nextBoolean();
    return registration(nik(born, female), born, female, desaCode);
  }

  public static String registration(String nik, LocalDate born, boolean female, String desaCode) {
    return """
        {"nik":"%s","name":"Warga Uji","birthDate":"%s","sex":"%s","desaCode":"%s","phone":"+6281234567890"}"""
        .formatted(nik, born, female ? "FEMALE" : "MALE", desaCode);
  }
}
