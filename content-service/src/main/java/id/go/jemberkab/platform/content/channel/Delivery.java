package id.go.jemberkab.platform.content.channel;

import java.net.URI;
import java.util.Objects;

/** A delivered edition: the channel's own id for it, and where it can be seen (null when the channel gave none). */
public record Delivery(String externalId, URI url) {

  public Delivery {
    Objects.requireNonNull(externalId, "externalId");
  }
}
