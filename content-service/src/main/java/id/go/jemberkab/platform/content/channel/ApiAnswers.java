package id.go.jemberkab.platform.content.channel;

import tools.jackson.databind.JsonNode;

/** Reads what the Graph and Data APIs answered; an answer without what we asked for is a refusal, not a retry. */
final class ApiAnswers {

  private ApiAnswers() {
  }

  /** A text field, e.g. the new post's {@code id}. */
  static String text(JsonNode answer, String field, String missing) {
    JsonNode value = answer == null ? null : answer.path(field);
    if (value == null || !value.isString() || value.asString().isBlank()) {
      throw new DeliveryFailure(DeliveryFailure.REJECTED, missing, null);
    }
    return value.asString();
  }

  /** A count, as a JSON number (Graph API) or a decimal string (YouTube's statistics). */
  static long count(JsonNode value, String missing) {
    if (value.isIntegralNumber()) {
      return value.asLong();
    }
    if (value.isString() && value.asString().matches("\\d{1,18}")) {
      return Long.parseLong(value.asString());
    }
    throw new DeliveryFailure(DeliveryFailure.REJECTED, missing, null);
  }
}
