#!/usr/bin/env bash
# Run once by Compose's kafka-setup service, after the broker is up: the services' topics (each with its
# dead-letter twin), a SCRAM-SHA-512 user per service (passwords from the user's environment), and each user's
# ACLs — what community.dispatch.events.KafkaAccess says, checked by ComposeFileTest: each service writes its own
# topic and the dead-letter twins of what it reads, reads what it consumes, in consumer groups named after it.
# Every step may be repeated. A municipal system gets a user of its own that writes dispatch.intake.<client id>
# only (deploy/README.md).
set -euo pipefail
bin=/opt/kafka/bin
admin=/tmp/admin.properties
cat > "$admin" <<PROPERTIES
security.protocol=SASL_PLAINTEXT
sasl.mechanism=PLAIN
sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="broker" password="$KAFKA_BROKER_PASSWORD";
PROPERTIES
kafka() { "$bin/$1" --bootstrap-server kafka:9092 --command-config "$admin" "${@:2}"; }

for topic in dispatch.request-events dispatch.order-events dispatch.member-events; do
  for name in "$topic" "$topic-dlt"; do
    kafka kafka-topics.sh --create --if-not-exists --topic "$name" --partitions 3 --replication-factor 1
  done
done

user() { # <name> <password>
  kafka kafka-configs.sh --alter --entity-type users --entity-name "$1" --add-config "SCRAM-SHA-512=[password=$2]"
}
user request-service "$KAFKA_REQUEST_SERVICE_PASSWORD"
user volunteer-service "$KAFKA_VOLUNTEER_SERVICE_PASSWORD"
user member-service "$KAFKA_MEMBER_SERVICE_PASSWORD"

allow() { # <user> <topic|group> <literal|prefix> <name> <operation>
  local pattern=$3
  [ "$pattern" = prefix ] && pattern=prefixed
  kafka kafka-acls.sh --add --allow-principal "User:$1" --operation "$5" --"$2" "$4" --resource-pattern-type "$pattern"
}
# request-service
allow request-service topic literal dispatch.request-events Write
allow request-service topic literal dispatch.request-events-dlt Write
allow request-service topic literal dispatch.order-events-dlt Write
allow request-service topic literal dispatch.member-events-dlt Write
allow request-service topic literal dispatch.request-events Read
allow request-service topic literal dispatch.order-events Read
allow request-service topic literal dispatch.member-events Read
allow request-service topic prefix dispatch.intake. Read
allow request-service topic prefix dispatch.intake. Write
allow request-service topic prefix dispatch.intake. Create
allow request-service topic prefix dispatch. Describe
allow request-service group prefix request-service Read
# volunteer-service
allow volunteer-service topic literal dispatch.order-events Write
allow volunteer-service topic literal dispatch.order-events-dlt Write
allow volunteer-service topic literal dispatch.request-events-dlt Write
allow volunteer-service topic literal dispatch.member-events-dlt Write
allow volunteer-service topic literal dispatch.order-events Read
allow volunteer-service topic literal dispatch.request-events Read
allow volunteer-service topic literal dispatch.member-events Read
allow volunteer-service topic prefix dispatch. Describe
allow volunteer-service group prefix volunteer-service Read
# member-service
allow member-service topic literal dispatch.member-events Write
allow member-service topic literal dispatch.order-events-dlt Write
allow member-service topic literal dispatch.request-events-dlt Write
allow member-service topic literal dispatch.order-events Read
allow member-service topic literal dispatch.request-events Read
allow member-service topic prefix dispatch. Describe
allow member-service group prefix member-service Read
