package id.go.jemberkab.platform.gateway.access;

import java.util.regex.Pattern;

/**
 * The path of a call as a template for audit records: segments that identify something (ids, codes, NIK-like
 * digits, slugs with digits) become {@code {id}}, so a record never carries the raw path; a {@code .json}
 * suffix (Open311) is kept. Version segments ({@code v1}) and plain words stay, and so does the first segment
 * when it is a lower-case name ({@code open311}): it is the API's root, never an id, on every route here.
 */
public final class PathTemplates {

  private static final Pattern WORD = Pattern.compile("^(v[0-9]{1,2}|[a-z][a-z-]{0,39}|[a-z][a-z-]*\\.json)$");
  private static final Pattern ROOT = Pattern.compile("^[a-z][a-z0-9-]{0,39}$");
  private static final int MAX_SEGMENTS = 12;

  private PathTemplates() {
  }

  public static String of(String path) {
    if (path == null || path.isEmpty() || path.equals("/")) {
      return "/";
    }
    StringBuilder template = new StringBuilder();
    String[] segments = path.split("/");
    int kept = 0;
    for (String segment : segments) {
      if (segment.isEmpty()) {
        continue;
      }
      if (++kept > MAX_SEGMENTS) {
        template.append("/…");
        break;
      }
      template.append('/');
      if (WORD.matcher(segment).matches() || kept == 1 && ROOT.matcher(segment).matches()) {
        template.append(segment);
      } else if (segment.endsWith(".json")) {
        template.append("{id}.json");
      } else {
        template.append("{id}");
      }
    }
    return template.isEmpty() ? "/" : template.toString();
  }
}
