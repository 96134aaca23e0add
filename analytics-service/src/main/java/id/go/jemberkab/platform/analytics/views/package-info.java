/**
 * The analytics views: one Kafka Streams topology (exactly-once v2) from the citizen, service-request,
 * registration and engagement topics to the {@code analytics.<view>.v1} topics, a MongoDB read model fed
 * from those topics, and the query API over it.
 */
package id.go.jemberkab.platform.analytics.views;
