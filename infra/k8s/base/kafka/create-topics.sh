#!/bin/sh
# Creates the platform's topics on a real cluster: run once before the services start, and again after
# a new topic is declared (--if-not-exists). Used by infra/compose (kafka-topics) and infra/k8s (Job).
# The lines below are exactly what `java -jar infra/local-stack/target/local-stack-0.1.0-SNAPSHOT-exec.jar
# topics` prints from Topics.java; DeploymentManifestsTest fails when they drift apart.
#   KAFKA_BOOTSTRAP  brokers, e.g. kafka-1:9092,kafka-2:9092,kafka-3:9092
#   REPLICATION 3, MIN_ISR 2
set -eu
PATH="/opt/kafka/bin:$PATH"
kafka-topics.sh --bootstrap-server "$KAFKA_BOOTSTRAP" --create --if-not-exists --topic citizen.registry.v1 --partitions 6 --replication-factor "${REPLICATION:-3}" --config cleanup.policy=delete --config min.insync.replicas="${MIN_ISR:-2}" --config retention.ms=-1
kafka-topics.sh --bootstrap-server "$KAFKA_BOOTSTRAP" --create --if-not-exists --topic citizen.registry.v1.dlt --partitions 6 --replication-factor "${REPLICATION:-3}" --config cleanup.policy=delete --config min.insync.replicas="${MIN_ISR:-2}" --config retention.ms=2592000000
kafka-topics.sh --bootstrap-server "$KAFKA_BOOTSTRAP" --create --if-not-exists --topic citizen.service-requests.v1 --partitions 6 --replication-factor "${REPLICATION:-3}" --config cleanup.policy=delete --config min.insync.replicas="${MIN_ISR:-2}" --config retention.ms=-1
kafka-topics.sh --bootstrap-server "$KAFKA_BOOTSTRAP" --create --if-not-exists --topic citizen.service-requests.v1.dlt --partitions 6 --replication-factor "${REPLICATION:-3}" --config cleanup.policy=delete --config min.insync.replicas="${MIN_ISR:-2}" --config retention.ms=2592000000
kafka-topics.sh --bootstrap-server "$KAFKA_BOOTSTRAP" --create --if-not-exists --topic citizen.registrations.v1 --partitions 6 --replication-factor "${REPLICATION:-3}" --config cleanup.policy=delete --config min.insync.replicas="${MIN_ISR:-2}" --config retention.ms=-1
kafka-topics.sh --bootstrap-server "$KAFKA_BOOTSTRAP" --create --if-not-exists --topic citizen.registrations.v1.dlt --partitions 6 --replication-factor "${REPLICATION:-3}" --config cleanup.policy=delete --config min.insync.replicas="${MIN_ISR:-2}" --config retention.ms=2592000000
kafka-topics.sh --bootstrap-server "$KAFKA_BOOTSTRAP" --create --if-not-exists --topic content.items.v1 --partitions 3 --replication-factor "${REPLICATION:-3}" --config cleanup.policy=delete --config min.insync.replicas="${MIN_ISR:-2}" --config retention.ms=-1
kafka-topics.sh --bootstrap-server "$KAFKA_BOOTSTRAP" --create --if-not-exists --topic content.items.v1.dlt --partitions 3 --replication-factor "${REPLICATION:-3}" --config cleanup.policy=delete --config min.insync.replicas="${MIN_ISR:-2}" --config retention.ms=2592000000
kafka-topics.sh --bootstrap-server "$KAFKA_BOOTSTRAP" --create --if-not-exists --topic content.engagement.v1 --partitions 6 --replication-factor "${REPLICATION:-3}" --config cleanup.policy=delete --config min.insync.replicas="${MIN_ISR:-2}" --config retention.ms=34560000000
kafka-topics.sh --bootstrap-server "$KAFKA_BOOTSTRAP" --create --if-not-exists --topic content.engagement.v1.dlt --partitions 6 --replication-factor "${REPLICATION:-3}" --config cleanup.policy=delete --config min.insync.replicas="${MIN_ISR:-2}" --config retention.ms=2592000000
kafka-topics.sh --bootstrap-server "$KAFKA_BOOTSTRAP" --create --if-not-exists --topic gateway.access.v1 --partitions 3 --replication-factor "${REPLICATION:-3}" --config cleanup.policy=delete --config min.insync.replicas="${MIN_ISR:-2}" --config retention.ms=7776000000
kafka-topics.sh --bootstrap-server "$KAFKA_BOOTSTRAP" --create --if-not-exists --topic gateway.access.v1.dlt --partitions 3 --replication-factor "${REPLICATION:-3}" --config cleanup.policy=delete --config min.insync.replicas="${MIN_ISR:-2}" --config retention.ms=2592000000
