package id.go.jemberkab.platform.citizen.registry;

import java.util.ArrayList;
import java.util.List;

/** Splits one CSV line (RFC 4180 quoting within a line: {@code "Jl. Mawar, RT 1"}, {@code ""} for a quote). */
final class CsvLine {

  private CsvLine() {
  }

  /** The fields of {@code line}; null when a quote is left open. */
  static List<String> split(String line) {
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          field.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          field.append(c);
        }
      } else if (c == '"' && field.isEmpty()) {
        quoted = true;
      } else if (c == ',') {
        fields.add(field.toString());
        field.setLength(0);
      } else {
        field.append(c);
      }
    }
    if (quoted) {
      return null;
    }
    fields.add(field.toString());
    return fields;
  }
}
