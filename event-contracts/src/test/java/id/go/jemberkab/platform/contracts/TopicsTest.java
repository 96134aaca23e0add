package id.go.jemberkab.platform.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import id.go.jemberkab.platform.contracts.region.Region;
import id.go.jemberkab.platform.contracts.region.RegionDirectory;
import org.junit.jupiter.api.Test;

class TopicsTest {

  @Test
  void everyStreamHasItsDeadLetterTwin() {
    assertThat(Topics.all()).extracting(TopicSpec::name)
        .contains("citizen.registry.v1", "citizen.registry.v1.dlt", "content.engagement.v1.dlt")
        .hasSize(Topics.STREAMS.size() * 2)
        .doesNotHaveDuplicates();
  }

  @Test
  void everyEventTypeGoesToADeclaredStream() {
    for (EventType type : EventType.values()) {
      assertThat(Topics.STREAMS).contains(type.topic());
    }
  }

  @Test
  void rejectsATopicNamedLikeAJavaClass() {
    assertThatThrownBy(() -> new TopicSpec("CitizenEvents", 1, TopicSpec.FOREVER, false, ""))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void regionDirectoryHoldsTheOfficialJemberCodes() {
    RegionDirectory jember = RegionDirectory.jember();
    assertThat(jember.all(Region.Level.KECAMATAN)).hasSize(31);
    assertThat(jember.all(Region.Level.DESA).size() + jember.all(Region.Level.KELURAHAN).size()).isEqualTo(248);
    assertThat(jember.find("35.09.19")).map(Region::name).contains("Kaliwates");
    assertThat(jember.find("35.09.19.1001")).map(Region::kecamatanCode).contains("35.09.19");
    assertThat(jember.isVillage("35.09.19")).isFalse();
    assertThat(jember.isVillage("35.09.99.1001")).isFalse();
  }
}
