package id.go.jemberkab.platform.content.publishing;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The words an item is found by, in Bahasa Indonesia and English alike: lower case, accents folded, common
 * words dropped, and the endings that do not change a word's meaning cut (Indonesian particles {@code -nya},
 * {@code -lah}, {@code -kah}; English plural {@code -s}). Stored as an array, so a query is an {@code $all} on
 * a multikey index, the same on MongoDB and on the embedded wire server (which has no {@code $text}).
 */
final class SearchTerms {

  private static final Pattern SPLIT = Pattern.compile("[^\\p{L}\\p{Nd}]+");
  private static final Pattern MARKS = Pattern.compile("\\p{M}+");
  private static final Set<String> STOP = Set.of(
      // Bahasa Indonesia
      "dan", "di", "ke", "dari", "yang", "untuk", "dengan", "pada", "ini", "itu", "atau", "juga", "akan",
      "dalam", "oleh", "sebagai", "para", "bagi", "adalah", "telah", "sudah", "kami", "kita", "tersebut",
      // English
      "the", "and", "of", "to", "in", "for", "on", "with", "at", "by", "an", "is", "are", "was", "be", "this",
      "that", "from", "as", "or", "it", "its");
  static final int MAX_QUERY_TERMS = 8;

  private SearchTerms() {
  }

  /** Every distinct term of the given texts (nulls skipped). */
  static List<String> of(String... texts) {
    Set<String> terms = new LinkedHashSet<>();
    Arrays.stream(texts).filter(t -> t != null && !t.isBlank()).flatMap(SearchTerms::terms).forEach(terms::add);
    return List.copyOf(terms);
  }

  private static Stream<String> terms(String text) {
    String folded = MARKS.matcher(Normalizer.normalize(text, Normalizer.Form.NFD)).replaceAll("")
        .toLowerCase(Locale.ROOT);
    return SPLIT.splitAsStream(folded).filter(w -> w.length() > 1 && !STOP.contains(w)).map(SearchTerms::stem);
  }

  private static String stem(String word) {
    for (String particle : List.of("nya", "lah", "kah")) {
      if (word.length() > particle.length() + 3 && word.endsWith(particle)) {
        return word.substring(0, word.length() - particle.length());
      }
    }
    if (word.length() > 3 && word.endsWith("s") && !word.endsWith("ss") && !word.endsWith("us")
        && !word.endsWith("is")) {
      return word.substring(0, word.length() - 1);
    }
    return word;
  }
}
