package id.go.jemberkab.platform.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.RepeatedTest;

class DemoTest {

  private static final Pattern REGISTRATION = Pattern.compile(
      "\\{\"nik\":\"(\\d{16})\",\"name\":\"Warga Demo\",\"birthDate\":\"([0-9-]+)\",\"sex\":\"(MALE|FEMALE)\","
          + "\"desaCode\":\"(35\\.09\\.\\d{2}\\.\\d{4})\"}");

  @RepeatedTest(50)
  void generatesCitizensWhoseNikAgreesWithBirthDateSexAndKecamatan() {
    Demo demo = new Demo("http://unused", System.nanoTime());
    demo.useVillages(List.of("35.09.01.2001", "35.09.19.1001", "35.09.31.2005"));
    Matcher registration = REGISTRATION.matcher(demo.citizen());
    assertThat(registration.matches()).isTrue();
    String nik = registration.group(1);
    LocalDate born = LocalDate.parse(registration.group(2));
    int day = born.getDayOfMonth() + (registration.group(3).equals("FEMALE") ? 40 : 0);
    assertThat(nik).as("province, kabupaten, kecamatan of the desa")
        .startsWith("3509" + registration.group(4).substring(6, 8));
    assertThat(nik.substring(6, 12)).as("DDMMYY, day + 40 for women")
        .isEqualTo(String.format("%02d%02d%02d", day, born.getMonthValue(), born.getYear() % 100));
    assertThat(nik.substring(12)).isNotEqualTo("0000");
  }
}
