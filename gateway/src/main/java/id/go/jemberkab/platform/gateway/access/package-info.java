/**
 * Who may call what: the client registry (API keys stored as hashes, OAuth2 client-credentials JWTs), the
 * scope each operation needs, per-client quotas, and one audit record per call on {@code gateway.access.v1}.
 */
package id.go.jemberkab.platform.gateway.access;
