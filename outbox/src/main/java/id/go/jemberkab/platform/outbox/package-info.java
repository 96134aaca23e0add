/**
 * The transactional outbox without transactions: an aggregate's document holds its pending events, written
 * in the same single-document update as the change; {@link id.go.jemberkab.platform.outbox.OutboxRelay}
 * publishes them with an idempotent producer (acks=all) and removes them once the broker acknowledged.
 * Delivery is at least once; consumers deduplicate by {@code ce_id}.
 */
package id.go.jemberkab.platform.outbox;
