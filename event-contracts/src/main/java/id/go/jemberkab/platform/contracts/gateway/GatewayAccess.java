package id.go.jemberkab.platform.contracts.gateway;

import java.time.Instant;

/**
 * One call through the gateway, in the manner of X-Road's operational monitoring: who called which
 * operation, how it ended and how long it took. The path is a template ({@code /api/v1/citizens/{id}}),
 * never the raw path; no bodies, only the SHA-256 of the request body; no personal data.
 *
 * @param clientId the registered client, or {@code anonymous}
 * @param service the downstream service (the route), or {@code gateway} for what the gateway answered itself
 * @param requestBodySha256 hex HMAC-SHA-256 of the request body as received, under the gateway's audit key; null
 *     when the call had no body
 */
public record GatewayAccess(Instant time, String clientId, String service, String method, String pathTemplate,
    int status, long durationMillis, long requestBytes, long responseBytes, String requestBodySha256,
    String traceId, String requestId) {
}
