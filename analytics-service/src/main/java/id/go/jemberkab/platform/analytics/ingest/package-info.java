/** How analytics-service consumes the streams: bounded retries, then the dead-letter topic. */
package id.go.jemberkab.platform.analytics.ingest;
