package id.go.jemberkab.platform.content.channel;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import org.springframework.http.MediaType;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientResponseException;
import tools.jackson.databind.JsonNode;

/**
 * The access token for Google's APIs. Google's access tokens last about an hour, so a deployment configures the
 * OAuth client and a refresh token (the installed-app or web-server flow, done once by the channel's owner), and
 * this exchanges the refresh token for a fresh access token when the one it holds is about to expire, or when
 * the API refused it. A configured access token alone is used as it is (a token another system keeps fresh,
 * or a short test). Tokens and the client secret are never logged or put in a message.
 */
final class GoogleAccessTokens {

  /** An access token this close to its expiry is replaced before use: a call may take the time limit and more. */
  static final Duration EARLY = Duration.ofMinutes(2);

  private record Token(String value, Instant expiresAt) {
  }

  private final String staticToken;
  private final String clientId;
  private final String clientSecret;
  private final String refreshToken;
  private final URI tokenUrl;
  private final RestClient rest;
  private final ChannelHttp.Api api;
  private Token current;

  GoogleAccessTokens(ChannelProperties.YouTube settings, ChannelHttp http, ChannelHttp.Api api) {
    this.api = api;
    this.tokenUrl = settings.tokenUrl();
    boolean refreshing = present(settings.refreshToken()) || present(settings.clientId())
        || present(settings.clientSecret());
    if (refreshing) {
      this.refreshToken = ChannelProperties.required(settings.refreshToken(),
          "platform.content.channels.youtube.refresh-token");
      this.clientId = ChannelProperties.required(settings.clientId(), "platform.content.channels.youtube.client-id");
      this.clientSecret = ChannelProperties.required(settings.clientSecret(),
          "platform.content.channels.youtube.client-secret");
      this.staticToken = null;
      this.rest = http.plainClient();
    } else {
      if (!present(settings.accessToken())) {
        throw new IllegalStateException("platform.content.channels.youtube.refresh-token (with client-id and "
            + "client-secret) or platform.content.channels.youtube.access-token is required outside the sandbox mode");
      }
      this.staticToken = settings.accessToken();
      this.refreshToken = null;
      this.clientId = null;
      this.clientSecret = null;
      this.rest = null;
    }
  }

  private static boolean present(String value) {
    return value != null && !value.isBlank();
  }

  /** Whether a token the API refused can be replaced by a fresh one. */
  boolean refreshing() {
    return staticToken == null;
  }

  /** The token to send now; fetches a fresh one first when there is none or it is about to expire. */
  synchronized String current() {
    if (staticToken != null) {
      return staticToken;
    }
    if (current == null || !api.now().isBefore(current.expiresAt().minus(EARLY))) {
      current = refresh();
    }
    return current.value();
  }

  /** Forgets the token the API just refused (revoked, or expired early): the next call fetches another. */
  synchronized void refused(String token) {
    if (current != null && current.value().equals(token)) {
      current = null;
    }
  }

  private Token refresh() {
    MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
    form.add("grant_type", "refresh_token");
    form.add("refresh_token", refreshToken);
    form.add("client_id", clientId);
    form.add("client_secret", clientSecret);
    Instant asked = api.now();
    JsonNode answer;
    try {
      answer = rest.post().uri(tokenUrl).contentType(MediaType.APPLICATION_FORM_URLENCODED).body(form).retrieve()
          .body(JsonNode.class);
    } catch (RestClientResponseException refused) {
      int status = refused.getStatusCode().value();
      if (status == 429 || status >= 500) {
        throw new DeliveryFailure(status == 429 ? DeliveryFailure.RATE_LIMITED : DeliveryFailure.UNAVAILABLE,
            "youtube: the token endpoint answered " + status, null, refused);
      }
      // invalid_grant: the refresh token was revoked, or expired (7 days for an app still in testing);
      // invalid_client: the client id or secret is wrong. Only the error code: the description may echo input.
      String error = oauthError(refused);
      throw new DeliveryFailure(DeliveryFailure.REJECTED, "youtube: the token endpoint refused the refresh token ("
          + status + (error == null ? "" : " " + error) + "): renew the OAuth consent (docs/channel-adapters.md)",
          null, refused);
    }
    String token = ApiAnswers.text(answer, "access_token",
        "youtube: the token endpoint answered without an access_token");
    long seconds = answer.path("expires_in").canConvertToLong() ? answer.path("expires_in").asLong() : 3600;
    return new Token(token, asked.plusSeconds(seconds));
  }

  private static String oauthError(RestClientResponseException refused) {
    try {
      JsonNode body = refused.getResponseBodyAs(JsonNode.class);
      String error = body == null ? null : body.path("error").asString(null);
      return error != null && error.matches("[a-z_]{1,40}") ? error : null;
    } catch (RuntimeException unreadable) {
      return null;
    }
  }
}
