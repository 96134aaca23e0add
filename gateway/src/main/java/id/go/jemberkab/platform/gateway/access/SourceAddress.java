package id.go.jemberkab.platform.gateway.access;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The address a call without credentials is counted against. Behind an ingress or a load balancer every call
 * arrives from the proxy, so one anonymous quota would be shared by the whole internet; when the peer is one of
 * the configured trusted proxies ({@code platform.gateway.trusted-proxies}), the caller is the right-most
 * {@code X-Forwarded-For} entry that is not a trusted proxy itself, as nginx's {@code real_ip_recursive} reads
 * it. Entries left of that are the caller's own claim and are not believed. Without trusted proxies (the
 * default) the peer is the caller, and the header counts for nothing.
 *
 * <p>An IPv6 caller is counted by its /64: one subscriber line is given a /64 (2^64 addresses), and counting
 * each address would give it as many quotas.
 */
final class SourceAddress {

  // a literal address only: InetAddress would look a host name up in DNS
  private static final Pattern LITERAL = Pattern.compile("[0-9.]+|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

  private final List<Range> trusted;

  SourceAddress(List<String> trustedProxies) {
    this.trusted = trustedProxies.stream().filter(s -> !s.isBlank()).map(Range::parse).toList();
  }

  /** The caller's address, given the TCP peer's and the {@code X-Forwarded-For} values (null when absent). */
  static final int MAX_HOPS = 10;

  String of(InetAddress peer, List<String> forwardedFor) {
    if (peer == null) {
      return "unknown";
    }
    InetAddress caller = peer;
    if (!trusted.isEmpty() && forwardedFor != null && isTrusted(peer)) {
      String[] hops = String.join(",", forwardedFor).split(",");
      // no real chain of proxies is longer: a header of hundreds of trusted-looking hops is not walked
      for (int i = hops.length - 1; i >= Math.max(0, hops.length - MAX_HOPS); i--) {
        InetAddress hop = literal(hops[i].strip());
        if (hop == null) {
          break;
        }
        caller = hop;
        if (!isTrusted(hop)) {
          break;
        }
      }
    }
    return counted(caller);
  }

  private static String counted(InetAddress caller) {
    if (caller instanceof java.net.Inet6Address) {
      byte[] network = java.util.Arrays.copyOf(caller.getAddress(), 16);
      java.util.Arrays.fill(network, 8, 16, (byte) 0);
      try {
        return InetAddress.getByAddress(network).getHostAddress() + "/64";
      } catch (UnknownHostException impossible) {
        throw new IllegalStateException(impossible);
      }
    }
    return caller.getHostAddress();
  }

  private boolean isTrusted(InetAddress address) {
    for (Range range : trusted) {
      if (range.contains(address)) {
        return true;
      }
    }
    return false;
  }

  /** An address written as itself, with or without a port ({@code 203.0.113.9:443}, {@code [2001:db8::1]:443}). */
  static InetAddress literal(String text) {
    String host = text;
    if (host.startsWith("[")) {
      int end = host.indexOf(']');
      host = end < 0 ? "" : host.substring(1, end);
    } else if (host.indexOf(':') == host.lastIndexOf(':') && host.indexOf(':') > 0) {
      host = host.substring(0, host.indexOf(':'));
    }
    if (host.isEmpty() || !LITERAL.matcher(host).matches()) {
      return null;
    }
    try {
      return InetAddress.getByName(host);
    } catch (UnknownHostException | IllegalArgumentException e) {
      return null;
    }
  }

  /** An address range in CIDR notation ({@code 10.0.0.0/8}, {@code fd00::/8}), or one address. */
  record Range(byte[] network, int prefix) {

    static Range parse(String cidr) {
      String[] parts = cidr.strip().split("/", 2);
      InetAddress address = literal(parts[0]);
      if (address == null) {
        throw new IllegalArgumentException("platform.gateway.trusted-proxies: '" + cidr
            + "' is not an address or a CIDR range");
      }
      int bits = address.getAddress().length * 8;
      int prefix;
      try {
        prefix = parts.length == 1 ? bits : Integer.parseInt(parts[1]);
      } catch (NumberFormatException e) {
        prefix = -1;
      }
      if (prefix < 0 || prefix > bits) {
        throw new IllegalArgumentException("platform.gateway.trusted-proxies: '" + cidr + "' has no valid prefix "
            + "length (0 to " + bits + ")");
      }
      return new Range(address.getAddress(), prefix);
    }

    boolean contains(InetAddress address) {
      byte[] bytes = address.getAddress();
      if (bytes.length != network.length) {
        return false;
      }
      int shift = bytes.length * 8 - prefix;
      return new BigInteger(1, bytes).shiftRight(shift).equals(new BigInteger(1, network).shiftRight(shift));
    }
  }
}
