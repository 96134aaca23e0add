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
      "(?<![\\p{L}\\p{N}._%+-])[\\p{L}\\p{N}._%+-]++[\\p{Z}\\s\\u200B-\\u200D\\uFEFF]*+"
          + "(?:[@\\uFF20]|[(\\[{]\\s*+at\\s*+[)\\]}])[\\p{Z}\\s\\u200B-\\u200D\\uFEFF]*+"
          + "[\\p{L}\\p{N}-]++(?:(?:\\.|\\s*+[(\\[{]\\s*+dot\\s*+[)\\]}]\\s*+)[\\p{L}\\p{N}-]++)*+",
      Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
  /**
   * Nine digits or more (of any script: full-width ones too), with up to four spaces (any kind), dots, commas,
   * colons, dashes, underscores, slashes, brackets or invisible characters between them: phone numbers as people
   * write them ({@code (0331) 412345}, {@code 0812 - 3456 - 7890}), NIKs, account numbers.
   */
  private static final Pattern LONG_NUMBER = Pattern.compile(
      "[+\\uFF0B]?(?<!\\p{Nd})\\p{Nd}(?:[\\p{Z}\\s\\p{Pd}.,:_()/\\u200B-\\u200D\\uFEFF]{0,4}+\\p{Nd}){8,}+"
          + "(?!\\p{Nd})");

  private PublicView() {
  }

  static String text(String text) {
    if (text == null) {
      return null;
    }
    return LONG_NUMBER.matcher(EMAIL.matcher(text).replaceAll(MASK)).replaceAll(MASK);
  }

  /**
   * A media link as the public may see it: without its query, fragment or user part, where a portal's upload form
   * put the sender's e-mail address and phone number ({@code ?pelapor=…&hp=…}); null for no link.
   */
  static String link(String url) {
    if (url == null) {
      return null;
    }
    try {
      java.net.URI uri = java.net.URI.create(url);
      if (uri.getScheme() == null || uri.getRawAuthority() == null) {
        return null;
      }
      return text(new java.net.URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getPath(), null, null)
          .toString());
    } catch (IllegalArgumentException | java.net.URISyntaxException notALink) {
      return null;
    }
  }

  /** Three decimals of a degree: 111 m north to south, about 110 m east to west in Jember. */
  static Double place(Double degrees) {
    return degrees == null ? null : Math.round(degrees * 1000) / 1000.0;
  }
}
