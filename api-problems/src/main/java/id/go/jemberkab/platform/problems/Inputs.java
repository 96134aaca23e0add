package id.go.jemberkab.platform.problems;

import java.net.URI;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * Checks of input shapes every API shares (RFC 3339 times, http(s) URLs): each adds its field error to the
 * list and returns the parsed value, or null when absent or invalid. Messages never repeat the value.
 */
public final class Inputs {

  static final int MAX_URL_LENGTH = 2048;

  private Inputs() {
  }

  /** An RFC 3339 date-time with offset; {@code required} adds an error when it is absent. */
  public static Instant dateTime(String field, String value, boolean required, List<FieldError> errors) {
    if (value == null || value.isBlank()) {
      if (required) {
        errors.add(new FieldError(field, "required", field + " is required (RFC 3339)"));
      }
      return null;
    }
    try {
      OffsetDateTime parsed = OffsetDateTime.parse(value.strip());
      // RFC 3339 years have four digits; java.time takes nine, and a stored date of year 300000000 overflows
      if (parsed.getYear() >= 1 && parsed.getYear() <= 9999) {
        return parsed.toInstant();
      }
    } catch (DateTimeParseException e) {
      // reported below
    }
    errors.add(new FieldError(field, "date-time.invalid", field + " must be an RFC 3339 date-time"));
    return null;
  }

  /**
   * Whether a text holds control characters (NUL, BEL, ESC, …): never meant, shown as garbage on the portal and in
   * the channels' posts, and a NUL cuts strings short in other systems. Line breaks and tabs only in a text of
   * lines (a body, a description).
   */
  public static boolean hasControlCharacters(String text, boolean lines) {
    if (text == null) {
      return false;
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isISOControl(c) && !(lines && (c == '\n' || c == '\r' || c == '\t'))) {
        return true;
      }
    }
    return false;
  }

  /** An optional absolute http(s) URL of at most 2048 characters. */
  public static String httpUrl(String field, String value, List<FieldError> errors) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      URI uri = URI.create(value.strip());
      if (value.length() <= MAX_URL_LENGTH && ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))
          && uri.getHost() != null) {
        return uri.toString();
      }
    } catch (IllegalArgumentException e) {
      // reported below
    }
    errors.add(new FieldError(field, "url.invalid", field + " must be an http(s) URL of at most "
        + MAX_URL_LENGTH + " characters"));
    return null;
  }

  /**
   * The version an {@code If-Match: "N"} names (weak or strong), or null when the header is absent; 400 when it
   * is not one ETag as the platform's services send them.
   */
  public static Long ifMatchVersion(String ifMatch) {
    if (ifMatch == null || ifMatch.isBlank()) {
      return null;
    }
    String tag = ifMatch.strip();
    if (tag.startsWith("W/")) {
      tag = tag.substring(2);
    }
    if (tag.matches("\"[0-9]{1,18}\"")) {
      return Long.parseLong(tag.substring(1, tag.length() - 1));
    }
    throw InvalidRequestException.of("If-Match", "if-match.invalid",
        "If-Match must be one ETag as this service sent it, e.g. \"3\"");
  }
}
