#!/usr/bin/env bash
# The dispatch lab's report: a generated community week (the same for the same seed) replayed under production's
# dispatch and three baselines, a busy week, ten weeks against the goals, and the weight sweep the defaults were
# chosen by. Needs only the JDK; no stack. Writes report.md and PNG plots into the folder (volunteer-service's README,
# "Dispatch lab", has the latest result).
#   bench/dispatch-lab.sh [seed=20261207] [folder=volunteer-service/target/dispatch-lab]
set -euo pipefail
cd "$(dirname "$0")/.."
seed="${1:-20261207}"
folder="$(realpath -m "${2:-volunteer-service/target/dispatch-lab}")"
./mvnw -q -B -pl volunteer-service -am -Pdispatch-lab -DskipTests \
  -Ddispatch.lab.seed="$seed" -Ddispatch.lab.folder="$folder" process-test-classes
