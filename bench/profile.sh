#!/usr/bin/env bash
# Where a running process spends its CPU, native and kernel frames included (JFR sees only Java): perf
# samples it on the cpu-clock event (this machine's VM has no hardware counters), the JVM writes its perf map
# (jcmd Compiler.perfmap, JDK 17+) so JIT-compiled frames get their Java names, and the report lists the
# hottest frames — by themselves, and with what they call — and the CPU per thread kind.
#
#   bench/profile.sh <process: gateway | request-service | volunteer-service | member-service | pid> [seconds]
#
# For whole Java stacks start the stack with frame pointers kept:
#   DISPATCH_JAVA_OPTS="-Xms384m -Xmx384m -XX:+UseSerialGC -XX:+PreserveFramePointer" ./run.sh
# Needs perf (Debian: apt-get install linux-perf) and the JDK's jcmd. Leaves perf.data and the reports in
# bench/.work/profile-<process>-<time>/.
set -euo pipefail
cd "$(dirname "$0")/.."

what=${1:?usage: bench/profile.sh <gateway | request-service | volunteer-service | member-service | pid> [seconds]}
seconds=${2:-20}
for tool in perf jcmd; do
  command -v "$tool" >/dev/null || { echo "profile: $tool is missing (Debian: apt-get install linux-perf; jcmd comes with the JDK)" >&2; exit 1; }
done
if [[ $what =~ ^[0-9]+$ ]]; then
  pid=$what
else
  pid=$(pgrep -f "$what/target/app/$what.jar" | head -1 || true)
fi
[ -n "${pid:-}" ] && [ -d "/proc/$pid" ] || { echo "profile: no running $what" >&2; exit 1; }

out="bench/.work/profile-${what}-$(date +%H%M%S)"
mkdir -p "$out"
# The map is written before and after recording: code compiled meanwhile gets its name too.
jcmd "$pid" Compiler.perfmap >/dev/null
perf record -e cpu-clock -F 499 -g -p "$pid" -o "$out/perf.data" -- sleep "$seconds" 2>"$out/record.log"
jcmd "$pid" Compiler.perfmap >/dev/null

perf report -i "$out/perf.data" --stdio --no-children --sort symbol 2>/dev/null | grep -E '^ +[0-9.]+%' | sed -E 's/[ -]+$//' > "$out/self.txt" || true
perf report -i "$out/perf.data" --stdio --children --sort symbol 2>/dev/null | grep -E '^ +[0-9.]+%' | sed -E 's/[ -]+$//' > "$out/total.txt" || true
# Thread kinds by their names: the JIT's compilers, the garbage collector (Serial's runs in the VM Thread),
# and the rest — event loops, Kafka clients, timers: the application.
perf report -i "$out/perf.data" --stdio --no-children --sort comm 2>/dev/null | grep -E '^ +[0-9.]+%' | awk '
  { share = $1; sub("%", "", share); $1 = ""; name = substr($0, 2) }
  name ~ /CompilerThre|C1 Compiler|C2 Compiler/ { kind["compiler"] += share; next }
  name ~ /GC Thread|VM Thread|G1 |GC/ { kind["gc and vm"] += share; next }
  { kind["application"] += share }
  END { for (k in kind) printf "%6.1f%%  %s\n", kind[k], k }' | sort -rn > "$out/threads.txt"

samples=$(grep -o '[0-9]* samples' "$out/record.log" | head -1 || true)
echo "$what (pid $pid), ${seconds} s, ${samples:-? samples}; in $out"
echo "-- CPU by thread kind"; cat "$out/threads.txt"
echo "-- hottest frames by themselves"; head -25 "$out/self.txt"
echo "-- hottest frames with what they call"; head -25 "$out/total.txt"
