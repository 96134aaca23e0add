package id.go.jemberkab.platform.gateway.access;

import java.util.Set;

/**
 * The verified identity of a call: a registered client with its scopes, or nobody.
 *
 * @param via how the caller proved who it is: {@code api-key}, {@code jwt} or {@code none}
 */
public record Caller(String clientId, Set<String> scopes, int quotaPerMinute, String via) {

  public static final String ANONYMOUS_ID = "anonymous";
  public static final Caller ANONYMOUS = new Caller(ANONYMOUS_ID, Set.of(), 0, "none");

  public boolean anonymous() {
    return this == ANONYMOUS;
  }
}
