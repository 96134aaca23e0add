package id.go.jemberkab.platform.analytics.registrations;

import id.go.jemberkab.platform.analytics.ingest.PoisonEventException;
import id.go.jemberkab.platform.contracts.CloudEvent;
import id.go.jemberkab.platform.contracts.CloudEventHeaders;
import id.go.jemberkab.platform.contracts.EventSchemas;
import id.go.jemberkab.platform.contracts.EventType;
import id.go.jemberkab.platform.contracts.citizen.CitizenErased;
import id.go.jemberkab.platform.contracts.citizen.CitizenRegistered;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Feeds the registrations view from {@code citizen.registry.v1}: registrations count, erasures stop counting.
 * Event types it does not use are skipped, so citizen-service can add new ones without breaking it.
 */
@Component
class RegistrationListener {

  private final RegistrationView view;
  private final EventSchemas schemas;
  private final JsonMapper json;
  private final MeterRegistry meters;

  RegistrationListener(RegistrationView view, EventSchemas schemas, JsonMapper json, MeterRegistry meters) {
    this.view = view;
    this.schemas = schemas;
    this.json = json;
    this.meters = meters;
  }

  @KafkaListener(id = "citizen-registrations", groupId = "analytics-service.citizen-registrations",
      topics = "#{T(id.go.jemberkab.platform.contracts.Topics).CITIZEN_REGISTRY.name()}")
  void on(ConsumerRecord<String, byte[]> record) {
    CloudEvent event = CloudEventHeaders.read(record);
    Optional<EventType> type = EventType.of(event.type());
    if (type.isEmpty() || type.get() != EventType.CITIZEN_REGISTERED && type.get() != EventType.CITIZEN_ERASED) {
      meters.counter("analytics.events.skipped", "topic", record.topic()).increment();
      return;
    }
    List<String> violations = schemas.violations(type.get(), event.data());
    if (!violations.isEmpty()) {
      throw new PoisonEventException(event.type() + " " + event.id() + " breaks its schema: " + violations);
    }
    if (type.get() == EventType.CITIZEN_REGISTERED) {
      view.record(json.readValue(event.data(), CitizenRegistered.class), event.id());
    } else {
      view.forget(json.readValue(event.data(), CitizenErased.class));
    }
    meters.counter("analytics.events.consumed", "type", event.type()).increment();
  }
}
