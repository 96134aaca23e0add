package id.go.jemberkab.platform.citizen.servicerequest;

import java.util.regex.Pattern;

/**
 * What the public, anonymous Open311 feed shows of a request: the texts without what looks like a phone number, a
 * NIK or an e-mail address, and the place to about a hundred metres. A citizen who writes "hubungi saya di
 * 0812-3456-7890" in a report, or files it from the doorstep, is not published with it (UU PDP); the departments
 * read the request whole through {@code /api/v1/service-requests}.
 */
final class PublicView {

  static final String MASK = "[disamarkan]";
  /**
   * Tried only where a word starts, and possessive: tried at every character, a long run of letters without an
   * {@code @} cost the square of its length, on every anonymous read of the feed.
   */
  private static final Pattern EMAIL = Pattern.compile(
      "(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]++@[A-Za-z0-9-]++(?:\\.[A-Za-z0-9-]++)+");
  /**
   * Nine digits or more, with up to three spaces, dots, dashes, slashes or brackets between them: phone numbers as
   * people write them ({@code (0331) 412345}, {@code 0812 - 3456 - 7890}), NIKs, account numbers.
   */
  private static final Pattern LONG_NUMBER = Pattern.compile(
      "\\+?(?<![0-9])[0-9](?:[ .()/-]{0,3}+[0-9]){8,}+(?![0-9])");

  private PublicView() {
  }

  static String text(String text) {
    if (text == null) {
      return null;
    }
    return LONG_NUMBER.matcher(EMAIL.matcher(text).replaceAll(MASK)).replaceAll(MASK);
  }

  /** Three decimals of a degree: 111 m north to south, about 110 m east to west in Jember. */
  static Double place(Double degrees) {
    return degrees == null ? null : Math.round(degrees * 1000) / 1000.0;
  }
}
