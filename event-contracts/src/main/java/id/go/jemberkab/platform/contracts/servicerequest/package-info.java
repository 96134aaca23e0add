/** Data records of the service-request events (Open311 model) citizen-service publishes. */
package id.go.jemberkab.platform.contracts.servicerequest;
