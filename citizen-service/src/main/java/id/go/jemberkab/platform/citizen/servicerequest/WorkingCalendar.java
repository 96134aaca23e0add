package id.go.jemberkab.platform.citizen.servicerequest;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Working days of the regency's offices: Monday to Friday, less national holidays. An SLA of N working
 * days ends at the close (23:59:59.999, Asia/Jakarta) of the Nth working day after the day of submission.
 */
@Component
class WorkingCalendar {

  static final ZoneId JEMBER_TIME = ZoneId.of("Asia/Jakarta");

  private final Set<LocalDate> holidays;

  WorkingCalendar(@Value("${platform.service-requests.holidays:}") List<LocalDate> holidays) {
    this.holidays = new TreeSet<>(holidays);
  }

  boolean isWorkingDay(LocalDate day) {
    return day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY
        && !holidays.contains(day);
  }

  Instant expectedBy(Instant submittedAt, int workingDays) {
    LocalDate day = submittedAt.atZone(JEMBER_TIME).toLocalDate();
    int counted = 0;
    while (counted < workingDays) {
      day = day.plusDays(1);
      if (isWorkingDay(day)) {
        counted++;
      }
    }
    return day.atTime(LocalTime.MAX).atZone(JEMBER_TIME).toInstant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
  }
}
