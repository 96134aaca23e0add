/**
 * How a call that passed the door travels to its service: Spring Cloud Gateway's routing filter with the
 * platform's own header rules.
 */
package id.go.jemberkab.platform.gateway.routing;
