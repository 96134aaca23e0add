package id.go.jemberkab.platform.content.channel;

import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.data.mongodb.core.MongoOperations;

/** The adapter for each channel, as configured. */
public class ChannelAdapters implements AutoCloseable {

  private final Map<Channel, ChannelAdapter> adapters = new EnumMap<>(Channel.class);
  private final ChannelHttp http;

  /**
   * The most guarded calls one delivery makes: Instagram's look for an earlier attempt's media, container and
   * publish; YouTube's look, upload and the upload again with a fresh token after a 401.
   */
  static final int MAX_CALLS_PER_DELIVERY = 4;

  private final Duration longestDelivery;

  ChannelAdapters(List<ChannelAdapter> adapters, ChannelHttp http, Duration longestDelivery) {
    this.longestDelivery = longestDelivery;
    adapters.forEach(adapter -> this.adapters.put(adapter.channel(), adapter));
    if (this.adapters.size() != Channel.values().length) {
      throw new IllegalArgumentException("one adapter per channel, got " + this.adapters.keySet());
    }
    this.http = http;
  }

  /**
   * The portal adapter, and for each social channel its real adapter in mode {@code graph} / {@code data-api} or
   * the sandbox (the default, so the platform runs without credentials).
   */
  static ChannelAdapters of(ChannelProperties channels, URI portalUrl, MongoOperations mongo, MeterRegistry meters,
      Clock clock) {
    var facebook = channels.facebook();
    var instagram = channels.instagram();
    var youtube = channels.youtube();
    boolean facebookReal = real(facebook.mode(), "facebook", "graph");
    boolean instagramReal = real(instagram.mode(), "instagram", "graph");
    boolean youtubeReal = real(youtube.mode(), "youtube", "data-api");
    ChannelHttp http = facebookReal || instagramReal || youtubeReal
        ? new ChannelHttp(channels.resilience(), meters, clock) : null;
    Duration longest = http == null ? Duration.ZERO
        : ChannelHttp.longestCall(channels.resilience()).multipliedBy(MAX_CALLS_PER_DELIVERY);
    return new ChannelAdapters(List.of(new WebPortalAdapter(portalUrl),
        facebookReal ? new FacebookPageAdapter(facebook, http)
            : new SandboxAdapter(Channel.FACEBOOK, facebook.sandboxFollowers(), mongo, clock),
        instagramReal ? new InstagramAdapter(instagram, http)
            : new SandboxAdapter(Channel.INSTAGRAM, instagram.sandboxFollowers(), mongo, clock),
        youtubeReal ? new YouTubeAdapter(youtube, http)
            : new SandboxAdapter(Channel.YOUTUBE, youtube.sandboxFollowers(), mongo, clock)), http, longest);
  }

  private static boolean real(String mode, String channel, String realMode) {
    if (!Set.of(ChannelProperties.SANDBOX, realMode).contains(mode)) {
      throw new IllegalStateException("platform.content.channels." + channel + ".mode must be "
          + ChannelProperties.SANDBOX + " or " + realMode + ", not " + mode);
    }
    return mode.equals(realMode);
  }

  /**
   * The longest one delivery can take with the channels' guards as configured (zero when every channel is a
   * sandbox): a delivery's lease must outlast it, or another replica would claim it while it runs and post twice.
   */
  public Duration longestDelivery() {
    return longestDelivery;
  }

  /** The guards of the real channels' calls; null when every channel is a sandbox. */
  ChannelHttp http() {
    return http;
  }

  public ChannelAdapter get(Channel channel) {
    return adapters.get(channel);
  }

  /** Every channel's adapter, in the order of {@link Channel}. */
  public Collection<ChannelAdapter> all() {
    return Collections.unmodifiableCollection(adapters.values());
  }

  @Override
  public void close() {
    if (http != null) {
      http.close();
    }
  }
}
