/** What a caller gets while a downstream service is unavailable: a fast, neutral 503 problem. */
package id.go.jemberkab.platform.gateway.fallback;
