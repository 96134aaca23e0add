/** The embedded local stack: an in-process KRaft Kafka broker and a MongoDB wire-protocol server. */
package id.go.jemberkab.platform.localstack;
