/**
 * Registrations for events (webinars, meetings, trainings): seats up to the capacity, never more, a waitlist
 * in arrival order, time-limited offers of freed seats, check-in and no-shows.
 */
package id.go.jemberkab.platform.citizen.registration;
