package id.go.jemberkab.platform.citizen.servicerequest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class WorkingCalendarTest {

  // 2026-08-17 (Monday) is Independence Day
  private final WorkingCalendar calendar = new WorkingCalendar(List.of(LocalDate.of(2026, 8, 17)));

  @Test
  void skipsTheWeekend() {
    // Thursday 2026-08-06, 10:00 WIB; 3 working days: Fri 7, Mon 10, Tue 11
    assertThat(calendar.expectedBy(Instant.parse("2026-08-06T03:00:00Z"), 3))
        .isEqualTo(Instant.parse("2026-08-11T16:59:59.999Z"));
  }

  @Test
  void skipsAHolidayAfterAWeekend() {
    // Friday 2026-08-14; 1 working day: not Sat, Sun, nor Monday the 17th: Tuesday 18
    assertThat(calendar.expectedBy(Instant.parse("2026-08-14T02:00:00Z"), 1))
        .isEqualTo(Instant.parse("2026-08-18T16:59:59.999Z"));
  }

  @Test
  void countsFromTheDayInJemberNotInUtc() {
    // 2026-08-06T18:00Z is already Friday 01:00 in Jember: the count starts after Friday
    assertThat(calendar.expectedBy(Instant.parse("2026-08-06T18:00:00Z"), 1))
        .isEqualTo(Instant.parse("2026-08-10T16:59:59.999Z"));
  }

  @Test
  void knowsWorkingDays() {
    assertThat(calendar.isWorkingDay(LocalDate.of(2026, 8, 17))).isFalse();
    assertThat(calendar.isWorkingDay(LocalDate.of(2026, 8, 15))).isFalse();
    assertThat(calendar.isWorkingDay(LocalDate.of(2026, 8, 18))).isTrue();
  }
}
