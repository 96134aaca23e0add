package id.go.jemberkab.platform.content.channel;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.ConfigDataApplicationContextInitializer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.MongoTemplate;

/** Which adapter each channel gets from configuration, on a real Mongo wire server. */
class ChannelAdaptersTest {

  private static MongoServer mongoServer;
  private static MongoClient mongoClient;

  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withUserConfiguration(ChannelConfiguration.class)
      .withBean(MongoOperations.class, () -> new MongoTemplate(mongoClient, "content"))
      .withBean(MeterRegistry.class, () -> new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));

  @BeforeAll
  static void mongo() {
    mongoServer = new MongoServer(new MemoryBackend());
    mongoClient = MongoClients.create("mongodb://127.0.0.1:" + mongoServer.bind().getPort());
  }

  @AfterAll
  static void stopMongo() {
    mongoClient.close();
    mongoServer.shutdownNow();
  }

  @Test
  void runsEverySocialChannelInTheSandboxByDefaultAndThePortalAtItsUrl() {
    // with the service's own application.yml, so its keys are bound as shipped
    runner.withInitializer(new ConfigDataApplicationContextInitializer()).run(context -> {
      ChannelAdapters adapters = context.getBean(ChannelAdapters.class);
      Post post = TestChannels.post(List.of());

      assertThat(adapters.all()).extracting(ChannelAdapter::channel).containsExactly(Channel.values());
      assertThat(adapters.get(Channel.WEB).deliver(post)).isEqualTo(new Delivery(post.slug(),
          URI.create("https://jemberkab.go.id/berita/vaksinasi-gratis-kecamatan-patrang")));
      assertThat(adapters.get(Channel.WEB).followers()).isEmpty();

      Delivery delivery = adapters.get(Channel.INSTAGRAM).deliver(post);
      assertThat(delivery.externalId()).matches("sandbox-[0-9a-f-]{36}");
      Document recorded = context.getBean(MongoOperations.class).findById(delivery.externalId(), Document.class,
          SandboxAdapter.COLLECTION);
      assertThat(recorded).containsOnlyKeys("_id", "channel", "contentId", "edition", "title", "at")
          .containsEntry("channel", "instagram").containsEntry("contentId", post.contentId())
          .containsEntry("edition", 2).containsEntry("title", post.title());

      assertThat(adapters.get(Channel.FACEBOOK).followers()).contains(new FollowerCount("page_follows", 33518));
      assertThat(adapters.get(Channel.INSTAGRAM).followers()).contains(new FollowerCount("followers_count", 1448));
      assertThat(adapters.get(Channel.YOUTUBE).followers()).contains(new FollowerCount("subscriberCount", 0));
      assertThat(Channel.of("youtube")).contains(Channel.YOUTUBE);
      assertThat(Channel.of("tiktok")).isEmpty();
      assertThat(adapters.longestDelivery()).as("sandboxes answer at once").isZero();
    });
  }

  @Test
  void usesTheGraphApiWhenConfiguredAndShowsTheChannelsGuardsInPrometheus() {
    runner.withPropertyValues("platform.content.channels.facebook.mode=graph",
        "platform.content.channels.facebook.page-id=104729",
        "platform.content.channels.facebook.access-token=fb-page-token").run(context -> {
          ChannelAdapters adapters = context.getBean(ChannelAdapters.class);
          assertThat(adapters.get(Channel.FACEBOOK)).isInstanceOf(FacebookPageAdapter.class);
          assertThat(adapters.get(Channel.INSTAGRAM)).isInstanceOf(SandboxAdapter.class);
          // 4 calls x (3 tries x (2 s rate-limiter wait + 10 s time limit) + 2 waits of a 30 s Retry-After): what a
          // delivery's lease must outlast
          assertThat(adapters.longestDelivery()).isEqualTo(java.time.Duration.ofSeconds(384));
          assertThat(context.getBean(PrometheusMeterRegistry.class).scrape())
              .contains("resilience4j_circuitbreaker_state{name=\"facebook\",state=\"closed\"} 1")
              .contains("resilience4j_ratelimiter_available_permissions{name=\"facebook\"}")
              .contains("resilience4j_retry_calls_total{kind=\"successful_without_retry\",name=\"facebook\"}")
              .doesNotContain("name=\"instagram\"");
        });
  }

  @Test
  void refusesToStartARealChannelWithoutItsIdsOrWithAnUnknownModeOrKey() {
    runner.withPropertyValues("platform.content.channels.youtube.mode=data-api",
        "platform.content.channels.youtube.access-token=yt-secret").run(context ->
        assertThat(context).getFailure().rootCause()
            .hasMessageContaining("platform.content.channels.youtube.channel-id")
            .message().doesNotContain("yt-secret"));
    runner.withPropertyValues("platform.content.channels.instagram.mode=data-api").run(context ->
        assertThat(context).getFailure().rootCause()
            .hasMessageContaining("platform.content.channels.instagram.mode must be sandbox or graph"));
    runner.withPropertyValues("platform.content.channels.facebook.page-idd=104729").run(context ->
        assertThat(context).getFailure().rootCause().hasMessageContaining("page-idd"));
  }
}
