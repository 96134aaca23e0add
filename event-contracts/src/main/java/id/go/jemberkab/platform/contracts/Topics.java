package id.go.jemberkab.platform.contracts;

import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

/**
 * Every topic of the platform, declared once. The local stack creates them at start; the deployment
 * manifests are generated from the same list ({@code LocalStack topics}).
 */
public final class Topics {

  public static final TopicSpec CITIZEN_REGISTRY = new TopicSpec("citizen.registry.v1", 6, TopicSpec.FOREVER, false,
      "Citizen registry lifecycle: registered, updated, erased. Key: pseudonymous citizen id.");
  public static final TopicSpec CITIZEN_SERVICE_REQUESTS = new TopicSpec("citizen.service-requests.v1", 6,
      TopicSpec.FOREVER, false, "Service requests (Open311) through their lifecycle. Key: request id.");
  public static final TopicSpec CITIZEN_REGISTRATIONS = new TopicSpec("citizen.registrations.v1", 6,
      TopicSpec.FOREVER, false, "Event registrations: seats, waitlist, check-in. Key: event id.");
  public static final TopicSpec CONTENT_ITEMS = new TopicSpec("content.items.v1", 3, TopicSpec.FOREVER, false,
      "Content items through the editorial workflow and distribution. Key: content id.");
  public static final TopicSpec CONTENT_ENGAGEMENT = new TopicSpec("content.engagement.v1", 6, Duration.ofDays(400),
      false, "Engagement from the portal and the social channels. Key: content id.");
  public static final TopicSpec GATEWAY_ACCESS = new TopicSpec("gateway.access.v1", 3, Duration.ofDays(90), false,
      "One audit record per call through the gateway. Key: client id.");
  public static final TopicSpec ANALYTICS_ENGAGEMENT = view("engagement",
      "Engagement per content item and per channel in 1-minute, 1-hour and 1-day windows. "
          + "Key: <scope>|<key>|<window>|<window start>.");
  public static final TopicSpec ANALYTICS_FOLLOWERS = view("followers",
      "Followers of the regency's account per channel over time, the last measurement of each day. "
          + "Key: <channel>|<day>.");
  public static final TopicSpec ANALYTICS_SERVICE_REQUESTS = view("service-requests",
      "Service requests per service, OPD and kecamatan per week: open, overdue, time to resolve, SLA share. "
          + "Key: <dimension>|<key>|<week>.");
  public static final TopicSpec ANALYTICS_REGISTRATION_FUNNEL = view("registration-funnel",
      "Registration funnel per event. Key: event id.");
  public static final TopicSpec ANALYTICS_CONTENT = view("content",
      "Content items as the views know them: type, slug, titles, published or not. Key: content id.");
  public static final TopicSpec ANALYTICS_POSTS = view("posts",
      "How each post of a content item does on each channel: the latest figures. Key: <content id>|<channel>.");
  public static final TopicSpec ANALYTICS_CITIZEN_REGISTRATIONS = view("citizen-registrations",
      "Registered citizens per kecamatan and desa, small cells suppressed. Key: <level>|<code>.");

  /** The platform's own topics, without their dead-letter twins. */
  public static final List<TopicSpec> STREAMS = List.of(CITIZEN_REGISTRY, CITIZEN_SERVICE_REQUESTS,
      CITIZEN_REGISTRATIONS, CONTENT_ITEMS, CONTENT_ENGAGEMENT, GATEWAY_ACCESS, ANALYTICS_ENGAGEMENT,
      ANALYTICS_FOLLOWERS, ANALYTICS_SERVICE_REQUESTS, ANALYTICS_REGISTRATION_FUNNEL, ANALYTICS_CITIZEN_REGISTRATIONS, ANALYTICS_CONTENT,
      ANALYTICS_POSTS);

  /** The analytics views analysts subscribe to: compacted, the latest value of each row. */
  public static final List<TopicSpec> VIEWS = List.of(ANALYTICS_ENGAGEMENT, ANALYTICS_FOLLOWERS,
      ANALYTICS_SERVICE_REQUESTS, ANALYTICS_REGISTRATION_FUNNEL, ANALYTICS_CITIZEN_REGISTRATIONS, ANALYTICS_CONTENT,
      ANALYTICS_POSTS);

  private Topics() {
  }

  private static TopicSpec view(String view, String description) {
    return new TopicSpec("analytics." + view + ".v1", 3, TopicSpec.FOREVER, true, description);
  }

  /** Every topic to create: each stream and its {@code .dlt} twin. */
  public static List<TopicSpec> all() {
    return STREAMS.stream().flatMap(t -> Stream.of(t, t.deadLetter())).toList();
  }
}
