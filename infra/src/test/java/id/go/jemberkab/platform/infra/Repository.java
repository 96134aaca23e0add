package id.go.jemberkab.platform.infra;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** The repository as the tests read it: its root, and its YAML files as plain maps and lists. */
final class Repository {

  /** Surefire runs in infra/; the repository is one up. */
  static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  static final Path INFRA = ROOT.resolve("infra");

  private Repository() {
  }

  static Map<String, Object> yaml(Path file) {
    List<Object> documents = yamlDocuments(file);
    if (documents.size() != 1 || !(documents.get(0) instanceof Map)) {
      throw new IllegalStateException(file + ": expected one YAML mapping, found " + documents.size() + " documents");
    }
    return map(documents.get(0));
  }

  static List<Object> yamlDocuments(Path file) {
    try (Reader reader = Files.newBufferedReader(file)) {
      List<Object> documents = new ArrayList<>();
      for (Object document : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(reader)) {
        if (document != null) {
          documents.add(document);
        }
      }
      return documents;
    } catch (IOException e) {
      throw new IllegalStateException(file + ": " + e.getMessage(), e);
    }
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object value) {
    return value == null ? Map.of() : (Map<String, Object>) value;
  }

  @SuppressWarnings("unchecked")
  static List<Object> list(Object value) {
    return value == null ? List.of() : (List<Object>) value;
  }

  /** The value at a dotted path of nested mappings, or null. */
  static Object at(Map<String, Object> root, String path) {
    Object current = root;
    for (String key : path.split("\\.")) {
      if (!(current instanceof Map<?, ?> map)) {
        return null;
      }
      current = map.get(key);
    }
    return current;
  }

  /** A property of the root pom, e.g. {@code image.repository}, or the project version for {@code version}. */
  static String rootPomProperty(String name) throws IOException {
    String pom = Files.readString(ROOT.resolve("pom.xml"));
    Pattern pattern = name.equals("version")
        ? Pattern.compile("<artifactId>jember-platform</artifactId>\\s*<version>([^<]+)</version>")
        : Pattern.compile("<" + Pattern.quote(name) + ">([^<]+)</" + Pattern.quote(name) + ">");
    Matcher matcher = pattern.matcher(pom);
    if (!matcher.find()) {
      throw new IllegalStateException("no " + name + " in the root pom.xml");
    }
    return matcher.group(1).trim();
  }

  static boolean onPath(String command) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (!dir.isBlank() && Files.isExecutable(Path.of(dir, command))) {
        return true;
      }
    }
    return false;
  }

  record Run(int exitCode, String output) {
  }

  static Run run(Path directory, String... command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes());
    return new Run(process.waitFor(), output);
  }
}
