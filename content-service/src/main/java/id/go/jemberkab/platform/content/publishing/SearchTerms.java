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
 * words dropped, and the endings that do not change a word's meaning cut (Indonesian particles {@code -lah},
 * {@code -kah} and the possessive {@code -nya}, which stack as in {@code bukunyalah}; English plural {@code -s}).
 * Endings are cut until none is left, so a word and its forms meet on one term ({@code sekolahnya} and
 * {@code sekolah}); words whose own ending looks like a particle ({@code sekolah}, {@code masalah}) are kept
 * whole. Stored as an array, so a query is an {@code $all} on a multikey index, the same on MongoDB and on the
 * embedded wire server (which has no {@code $text}). After a change to how terms are made, the stored terms are
 * made again on the next start ({@link SearchReindex}).
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
  /**
   * Common words long enough to be cut whose ending only looks like a particle or a possessive (shorter ones,
   * {@code salah}, {@code tanya}, are never cut).
   */
  private static final Set<String> ROOTS = Set.of("sekolah", "masalah", "sejumlah", "langkah", "menikah",
      "sedekah", "istilah", "risalah", "bersalah", "mengolah", "pengolah", "abdullah", "muamalah", "bertanya",
      "ditanya", "menanya");

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

  /** The word with its endings cut, one after another, until none is left or a known word remains. */
  static String stem(String word) {
    String stem = word;
    while (!ROOTS.contains(stem)) {
      String shorter = cutOne(stem);
      if (shorter.equals(stem)) {
        break;
      }
      stem = shorter;
    }
    return stem;
  }

  private static String cutOne(String word) {
    for (String ending : List.of("lah", "kah", "nya")) {
      if (word.length() > ending.length() + 3 && word.endsWith(ending)) {
        return word.substring(0, word.length() - ending.length());
      }
    }
    if (word.length() > 3 && word.endsWith("s") && !word.endsWith("ss") && !word.endsWith("us")
        && !word.endsWith("is")) {
      return word.substring(0, word.length() - 1);
    }
    return word;
  }
}
