package id.go.jemberkab.platform.citizen;

import static org.assertj.core.api.Assertions.assertThat;

import id.go.jemberkab.platform.contracts.CloudEventHeaders;
import id.go.jemberkab.platform.contracts.EventType;
import id.go.jemberkab.platform.contracts.TopicSpec;
import id.go.jemberkab.platform.contracts.Topics;
import id.go.jemberkab.platform.testsupport.TopicReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;

/**
 * Runs after every other integration test of the service and reads every event they produced: none may
 * carry a NIK, a name, a phone number, an e-mail or an address (UU PDP No. 27/2022), in its key, its
 * headers or its data. The scan must also have seen every event type, or it proves nothing.
 */
@CitizenServiceIT
@Order(Integer.MAX_VALUE)
class EventPrivacyScanIT {

  private static final List<Pattern> PERSONAL_DATA = List.of(
      Pattern.compile("(?<![0-9a-fA-F-])[0-9]{16}(?![0-9a-fA-F])"),     // a NIK (not inside a uuid or hex id)
      Pattern.compile("(?<![0-9a-fA-F-])(\\+62|08)[0-9]{8,}(?![0-9a-fA-F])"), // a phone number
      Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+\\.[A-Za-z]{2,}"), // an e-mail address
      Pattern.compile("Budi|Santoso|Siti|Aminah|Warga|Peserta|Impor"),   // names the tests register
      Pattern.compile("Jl\\.|Dusun|RT 0|Krajan|Mawar"));                 // addresses the tests register

  @Value("${spring.kafka.bootstrap-servers}")
  String bootstrap;

  @Test
  void noEventOfTheSuiteCarriesPersonalData() {
    List<String> leaks = new ArrayList<>();
    Set<String> typesSeen = new HashSet<>();

    List<TopicSpec> topics = List.of(Topics.CITIZEN_REGISTRY, Topics.CITIZEN_SERVICE_REQUESTS,
        Topics.CITIZEN_REGISTRATIONS);
    for (TopicSpec topic : topics) {
      for (ConsumerRecord<String, byte[]> record : TopicReader.readAll(bootstrap, topic.name())) {

        typesSeen.add(CloudEventHeaders.read(record).type());
        StringBuilder wire = new StringBuilder(String.valueOf(record.key())).append('|')
            .append(new String(record.value(), StandardCharsets.UTF_8));
        Arrays.stream(record.headers().toArray())
            .forEach(h -> wire.append('|').append(new String(h.value(), StandardCharsets.UTF_8)));
        for (Pattern pattern : PERSONAL_DATA) {
          if (pattern.matcher(wire).find()) {
            leaks.add(topic.name() + "@" + record.partition() + "/" + record.offset() + " matches " + pattern);
          }
        }
      }
    }
    assertThat(typesSeen).as("every event type citizen-service publishes was produced, so the scan covers it")
        .containsAll(Arrays.stream(EventType.values()).filter(t -> topics.contains(t.topic())).map(EventType::type)
            .toList());
    assertThat(leaks).isEmpty();
  }
}
