/** analytics-service wiring; the views live in the sub-packages. */
package id.go.jemberkab.platform.analytics;
