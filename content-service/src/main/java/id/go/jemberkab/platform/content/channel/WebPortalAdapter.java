package id.go.jemberkab.platform.content.channel;

import java.net.URI;
import java.util.Optional;

/** The web portal reads the public content API itself, so delivering there only confirms where the item lives. */
final class WebPortalAdapter implements ChannelAdapter {

  private final String portalUrl;

  WebPortalAdapter(URI portalUrl) {
    String base = portalUrl.toString();
    this.portalUrl = base.endsWith("/") ? base : base + "/";
  }

  @Override
  public Channel channel() {
    return Channel.WEB;
  }

  @Override
  public Delivery deliver(Post post) {
    return new Delivery(post.slug(), URI.create(portalUrl + post.slug()));
  }

  @Override
  public Optional<FollowerCount> followers() {
    return Optional.empty();
  }

  @Override
  public boolean measuresPosts() {
    return false;
  }

  /** The portal's readers come in through the engagement intake, one event each. */
  @Override
  public Optional<PostInsights> post(String externalId) {
    return Optional.empty();
  }
}
