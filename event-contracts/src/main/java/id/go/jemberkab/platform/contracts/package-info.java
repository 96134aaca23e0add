/** The platform's event contract: topics, the CloudEvents envelope on Kafka, event types and their schemas. */
package id.go.jemberkab.platform.contracts;
