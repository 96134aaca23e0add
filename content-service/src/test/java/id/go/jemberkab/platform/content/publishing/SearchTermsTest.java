package id.go.jemberkab.platform.content.publishing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SearchTermsTest {

  @Test
  void aWordAndItsFormsWithParticlesAndPossessivesMeetOnOneTerm() {
    assertThat(SearchTerms.of("sekolahnya")).isEqualTo(SearchTerms.of("Sekolah"));
    assertThat(SearchTerms.of("masalahnya")).isEqualTo(SearchTerms.of("masalah")).containsExactly("masalah");
    assertThat(SearchTerms.of("bukunyalah")).isEqualTo(SearchTerms.of("buku"));
    assertThat(SearchTerms.of("pelatihannya")).isEqualTo(SearchTerms.of("pelatihan"));
    assertThat(SearchTerms.of("Bagaimanakah pasarnya buka")).containsExactly("bagaimana", "pasar", "buka");
    assertThat(SearchTerms.of("floods flood")).containsExactly("flood");
    assertThat(SearchTerms.of("status kampus class")).containsExactly("status", "kampus", "class");
  }

  @Test
  void makingTheTermsOfTermsChangesNothing() {
    for (String word : List.of("sekolahnya", "sekolahlah", "kelurahannya", "pengolahnya", "bertanyalah",
        "langkahnya", "warganyalah", "programs", "desanya", "beritas", "pulaunya")) {
      String stem = SearchTerms.stem(word);
      assertThat(SearchTerms.stem(stem)).as(word).isEqualTo(stem);
    }
  }
}
