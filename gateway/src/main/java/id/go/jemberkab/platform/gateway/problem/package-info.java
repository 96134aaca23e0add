/**
 * Errors the gateway itself raises (no route, refused calls, unreachable services) as RFC 9457 problems. A
 * request target that is not a valid URI ({@code /a/%zz}) is answered 400 by the web server adapter before any
 * filter runs, without a body or an audit record.
 */
package id.go.jemberkab.platform.gateway.problem;
