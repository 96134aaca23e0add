package id.go.jemberkab.platform.contracts;

import id.go.jemberkab.platform.contracts.analytics.ChannelFollowers;
import id.go.jemberkab.platform.contracts.analytics.ContentCard;
import id.go.jemberkab.platform.contracts.analytics.PostPerformance;
import id.go.jemberkab.platform.contracts.analytics.EngagementWindow;
import id.go.jemberkab.platform.contracts.analytics.RegionRegistrations;
import id.go.jemberkab.platform.contracts.analytics.RegistrationFunnel;
import id.go.jemberkab.platform.contracts.analytics.ServiceRequestStats;
import id.go.jemberkab.platform.contracts.citizen.CitizenErased;
import id.go.jemberkab.platform.contracts.citizen.CitizenRegistered;
import id.go.jemberkab.platform.contracts.citizen.CitizenUpdated;
import id.go.jemberkab.platform.contracts.citizen.ConsentChanged;
import id.go.jemberkab.platform.contracts.content.ChannelDeliveryFailed;
import id.go.jemberkab.platform.contracts.content.ChannelDeliverySucceeded;
import id.go.jemberkab.platform.contracts.content.ChannelFollowersMeasured;
import id.go.jemberkab.platform.contracts.content.ChannelPostMeasured;
import id.go.jemberkab.platform.contracts.content.ContentPublished;
import id.go.jemberkab.platform.contracts.content.ContentUnpublished;
import id.go.jemberkab.platform.contracts.content.ContentUpdated;
import id.go.jemberkab.platform.contracts.content.EngagementRecorded;
import id.go.jemberkab.platform.contracts.gateway.GatewayAccess;
import id.go.jemberkab.platform.contracts.registration.AttendeeCheckedIn;
import id.go.jemberkab.platform.contracts.registration.RegistrationCancelled;
import id.go.jemberkab.platform.contracts.registration.RegistrationConfirmed;
import id.go.jemberkab.platform.contracts.registration.RegistrationWaitlisted;
import id.go.jemberkab.platform.contracts.registration.SeatOffered;
import id.go.jemberkab.platform.contracts.servicerequest.ServiceRequestOverdue;
import id.go.jemberkab.platform.contracts.servicerequest.ServiceRequestStatusChanged;
import id.go.jemberkab.platform.contracts.servicerequest.ServiceRequestSubmitted;
import java.util.Arrays;
import java.util.Optional;

/**
 * Every event type the platform publishes: its CloudEvents {@code type}, its topic and the record its data
 * binds to. The JSON Schema of a type lives at {@code schemas/<type>.json}, an example at
 * {@code examples/<type>.json}.
 */
public enum EventType {

  CITIZEN_REGISTERED("id.go.jemberkab.citizen.registered.v1", Topics.CITIZEN_REGISTRY, CitizenRegistered.class),
  CITIZEN_UPDATED("id.go.jemberkab.citizen.updated.v1", Topics.CITIZEN_REGISTRY, CitizenUpdated.class),
  CITIZEN_ERASED("id.go.jemberkab.citizen.erased.v1", Topics.CITIZEN_REGISTRY, CitizenErased.class),
  CONSENT_CHANGED("id.go.jemberkab.citizen.consent-changed.v1", Topics.CITIZEN_REGISTRY, ConsentChanged.class),
  SERVICE_REQUEST_SUBMITTED("id.go.jemberkab.service-request.submitted.v1", Topics.CITIZEN_SERVICE_REQUESTS,
      ServiceRequestSubmitted.class),
  SERVICE_REQUEST_STATUS_CHANGED("id.go.jemberkab.service-request.status-changed.v1",
      Topics.CITIZEN_SERVICE_REQUESTS, ServiceRequestStatusChanged.class),
  SERVICE_REQUEST_OVERDUE("id.go.jemberkab.service-request.overdue.v1", Topics.CITIZEN_SERVICE_REQUESTS,
      ServiceRequestOverdue.class),
  REGISTRATION_CONFIRMED("id.go.jemberkab.registration.confirmed.v1", Topics.CITIZEN_REGISTRATIONS,
      RegistrationConfirmed.class),
  REGISTRATION_WAITLISTED("id.go.jemberkab.registration.waitlisted.v1", Topics.CITIZEN_REGISTRATIONS,
      RegistrationWaitlisted.class),
  SEAT_OFFERED("id.go.jemberkab.registration.seat-offered.v1", Topics.CITIZEN_REGISTRATIONS, SeatOffered.class),
  REGISTRATION_CANCELLED("id.go.jemberkab.registration.cancelled.v1", Topics.CITIZEN_REGISTRATIONS,
      RegistrationCancelled.class),
  ATTENDEE_CHECKED_IN("id.go.jemberkab.registration.checked-in.v1", Topics.CITIZEN_REGISTRATIONS,
      AttendeeCheckedIn.class),
  CONTENT_PUBLISHED("id.go.jemberkab.content.published.v1", Topics.CONTENT_ITEMS, ContentPublished.class),
  CONTENT_UPDATED("id.go.jemberkab.content.updated.v1", Topics.CONTENT_ITEMS, ContentUpdated.class),
  CONTENT_UNPUBLISHED("id.go.jemberkab.content.unpublished.v1", Topics.CONTENT_ITEMS, ContentUnpublished.class),
  CHANNEL_DELIVERY_SUCCEEDED("id.go.jemberkab.content.delivery-succeeded.v1", Topics.CONTENT_ITEMS,
      ChannelDeliverySucceeded.class),
  CHANNEL_DELIVERY_FAILED("id.go.jemberkab.content.delivery-failed.v1", Topics.CONTENT_ITEMS,
      ChannelDeliveryFailed.class),
  ENGAGEMENT_RECORDED("id.go.jemberkab.content.engagement-recorded.v1", Topics.CONTENT_ENGAGEMENT,
      EngagementRecorded.class),
  CHANNEL_FOLLOWERS_MEASURED("id.go.jemberkab.content.channel-followers-measured.v1", Topics.CONTENT_ENGAGEMENT,
      ChannelFollowersMeasured.class),
  CHANNEL_POST_MEASURED("id.go.jemberkab.content.channel-post-measured.v1", Topics.CONTENT_ENGAGEMENT,
      ChannelPostMeasured.class),
  GATEWAY_ACCESS("id.go.jemberkab.gateway.access.v1", Topics.GATEWAY_ACCESS, GatewayAccess.class),
  ENGAGEMENT_WINDOW("id.go.jemberkab.analytics.engagement.v1", Topics.ANALYTICS_ENGAGEMENT, EngagementWindow.class),
  CHANNEL_FOLLOWERS("id.go.jemberkab.analytics.followers.v1", Topics.ANALYTICS_FOLLOWERS, ChannelFollowers.class),
  SERVICE_REQUEST_STATS("id.go.jemberkab.analytics.service-requests.v1", Topics.ANALYTICS_SERVICE_REQUESTS,
      ServiceRequestStats.class),
  REGISTRATION_FUNNEL("id.go.jemberkab.analytics.registration-funnel.v1", Topics.ANALYTICS_REGISTRATION_FUNNEL,
      RegistrationFunnel.class),
  CONTENT_CARD("id.go.jemberkab.analytics.content.v1", Topics.ANALYTICS_CONTENT, ContentCard.class),
  POST_PERFORMANCE("id.go.jemberkab.analytics.posts.v1", Topics.ANALYTICS_POSTS, PostPerformance.class),
  REGION_REGISTRATIONS("id.go.jemberkab.analytics.citizen-registrations.v1", Topics.ANALYTICS_CITIZEN_REGISTRATIONS,
      RegionRegistrations.class);

  private final String type;
  private final TopicSpec topic;
  private final Class<? extends Record> dataClass;

  EventType(String type, TopicSpec topic, Class<? extends Record> dataClass) {
    this.type = type;
    this.topic = topic;
    this.dataClass = dataClass;
  }

  /** The CloudEvents {@code type} attribute, reverse-DNS and versioned. */
  public String type() {
    return type;
  }

  public TopicSpec topic() {
    return topic;
  }

  public Class<? extends Record> dataClass() {
    return dataClass;
  }

  public String schemaResource() {
    return "schemas/" + type + ".json";
  }

  public String exampleResource() {
    return "examples/" + type + ".json";
  }

  public static Optional<EventType> of(String type) {
    return Arrays.stream(values()).filter(t -> t.type.equals(type)).findFirst();
  }
}
