package id.go.jemberkab.platform.content.channel;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.client.HttpClientErrorException;

/** Which 4xx answers of the Graph and YouTube Data APIs mean "slow down" rather than "no". */
class ThrottlingTest {

  @Test
  void youTubesQuotaWaitsAnHourItsRateLimitsTheBackoff() {
    assertThat(ChannelHttp.throttled(answer(403, """
        {"error":{"code":403,"message":"The request cannot be completed because you have exceeded your quota.",
         "errors":[{"message":"quota","domain":"youtube.quota","reason":"quotaExceeded"}]}}""")))
        .isEqualTo(ChannelHttp.QUOTA_PAUSE);
    assertThat(ChannelHttp.throttled(answer(403, """
        {"error":{"code":403,"errors":[{"domain":"usageLimits","reason":"userRateLimitExceeded"}]}}""")))
        .isEqualTo(Duration.ZERO);
    assertThat(ChannelHttp.throttled(answer(429, """
        {"error":{"code":429,"status":"RESOURCE_EXHAUSTED","message":"Quota exceeded"}}"""))).isEqualTo(Duration.ZERO);
  }

  @Test
  void metasBusinessUseCaseLimitsAreThrottlingToo() {
    assertThat(ChannelHttp.throttled(answer(400, "{\"error\":{\"code\":80001,\"message\":\"too many calls\"}}")))
        .isEqualTo(Duration.ZERO);
    assertThat(ChannelHttp.throttled(answer(400, "{\"error\":{\"code\":17,\"message\":\"User request limit\"}}")))
        .isEqualTo(Duration.ZERO);
  }

  @Test
  void aRefusalIsNoThrottling() {
    assertThat(ChannelHttp.throttled(answer(400, "{\"error\":{\"code\":100,\"message\":\"Invalid parameter\"}}")))
        .isNull();
    assertThat(ChannelHttp.throttled(answer(403, """
        {"error":{"code":403,"errors":[{"domain":"youtube.video","reason":"forbidden"}]}}"""))).isNull();
    assertThat(ChannelHttp.throttled(answer(400, "not json"))).isNull();
  }

  private static HttpClientErrorException answer(int status, String body) {
    return HttpClientErrorException.create(HttpStatus.valueOf(status), "", new HttpHeaders(),
        body.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
  }
}
