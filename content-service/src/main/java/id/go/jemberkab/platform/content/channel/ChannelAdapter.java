package id.go.jemberkab.platform.content.channel;

import java.util.Optional;

/** Delivers an edition to one channel and reads that channel's follower figure and its posts' figures. */
public interface ChannelAdapter {

  Channel channel();

  /** Publishes the edition on the channel; throws {@link DeliveryFailure} when the channel did not take it. */
  Delivery deliver(Post post);

  /** The channel's follower figure; empty for a channel with nothing to measure; throws {@link DeliveryFailure}. */
  Optional<FollowerCount> followers();

  /**
   * The figures of one post this adapter delivered ({@code externalId} as {@link #deliver} answered it); empty
   * when the channel has nothing to measure; throws {@link DeliveryFailure}.
   */
  Optional<PostInsights> post(String externalId);

  /**
   * Whether {@link #post} has figures to give. The portal's readers come in through the engagement intake and
   * nobody sees a sandbox's posts: the insight poller leaves their posts alone, rather than count each as gone.
   */
  default boolean measuresPosts() {
    return true;
  }
}
