/** Data records of the events citizen-service publishes. */
package id.go.jemberkab.platform.contracts.citizen;
