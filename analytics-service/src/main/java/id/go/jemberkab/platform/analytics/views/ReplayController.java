package id.go.jemberkab.platform.analytics.views;

import id.go.jemberkab.platform.problems.InvalidRequestException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Operators' commands (the gateway asks for {@code platform:admin}): rebuild the views, replay dead letters. */
@RestController
@RequestMapping("/api/v1/analytics")
@Tag(name = "Analytics operations")
class ReplayController {

  private final ViewStreams streams;
  private final ReadModel readModel;
  private final DeadLetters deadLetters;

  ReplayController(ViewStreams streams, ReadModel readModel, DeadLetters deadLetters) {
    this.streams = streams;
    this.readModel = readModel;
    this.deadLetters = deadLetters;
  }

  @PostMapping("/replay")
  @ResponseStatus(HttpStatus.ACCEPTED)
  @Operation(summary = "Rebuild every view from the topics",
      description = "Drops the read model and starts the next generation of the stream processor, which reads "
          + "every source topic from its beginning; answers at once. The views fill again as it catches up "
          + "(watch the consumer lag of the returned application id).")
  @ApiResponse(responseCode = "202", content = @Content(mediaType = "application/json", examples = @ExampleObject(
      value = "{\"generation\":2,\"applicationId\":\"analytics-views-g2\"}")))
  synchronized Map<String, Object> replay() {
    long generation = streams.replay(readModel::clear);
    return Map.of("generation", generation, "applicationId", streams.applicationId());
  }

  @PostMapping("/dead-letters/replay")
  @Operation(summary = "Send a topic's dead letters back to it",
      description = "Every record in <topic>.dlt not replayed before goes back to <topic>; one still broken "
          + "returns to the dead-letter topic.")
  @ApiResponse(responseCode = "200", content = @Content(mediaType = "application/json", examples = @ExampleObject(
      value = "{\"topic\":\"citizen.registry.v1\",\"replayed\":3}")))
  Map<String, Object> replayDeadLetters(@RequestParam String topic) {
    var source = DeadLetters.source(topic).orElseThrow(() -> InvalidRequestException.of("topic", "topic.invalid",
        "topic must be one of the platform's event topics, e.g. citizen.registry.v1; an analytics view's rows are "
            + "rebuilt by POST /api/v1/analytics/replay, never sent again one by one"));
    return Map.of("topic", topic, "replayed", deadLetters.replay(source));
  }
}
