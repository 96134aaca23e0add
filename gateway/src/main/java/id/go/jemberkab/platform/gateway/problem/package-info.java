/** Errors the gateway itself raises (no route, bad request line) as RFC 9457 problems. */
package id.go.jemberkab.platform.gateway.problem;
