package id.go.jemberkab.platform.analytics.ingest;

/** A record no retry can fix (unreadable envelope, data breaking its schema): straight to the dead-letter topic. */
public class PoisonEventException extends RuntimeException {

  public PoisonEventException(String message) {
    super(message);
  }
}
