package id.go.jemberkab.platform.problems;

/**
 * One rejected field: its JSON name, a stable machine code and a message for people. Messages never
 * repeat the submitted value: it may be personal data, and problem responses end up in logs.
 */
public record FieldError(String field, String code, String message) {
}
