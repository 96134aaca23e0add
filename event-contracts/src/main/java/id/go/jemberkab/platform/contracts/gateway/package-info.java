/** The gateway's audit records. */
package id.go.jemberkab.platform.contracts.gateway;
