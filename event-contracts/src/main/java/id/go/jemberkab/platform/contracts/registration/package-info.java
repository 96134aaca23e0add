/** Data records of the event-registration events (seats, waitlist, offers, check-in) citizen-service publishes. */
package id.go.jemberkab.platform.contracts.registration;
