#!/usr/bin/env bash
# Sequence benchmarks: parse+check of the largest shared Pulseq file and of an exported 3D TSE,
# compile time and memory of a 3D TSE of more than 100 000 blocks. Prints figures and the goal.
# Usage: sequences/bench/run-bench.sh   (from anywhere; nothing installed)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
cpfile="$(mktemp)"
trap 'rm -f "$cpfile"' EXIT
# One reactor build: hardware-drivers resolves to its target/classes, not to a stale ~/.m2 copy.
mvn -q -B -pl sequences -am test-compile dependency:build-classpath -Dmdep.outputFile="$cpfile" >/dev/null
cp="$(cat "$cpfile")"
java_bin="${JAVA_HOME:+$JAVA_HOME/bin/}java"
for j in /usr/lib/jvm/*25*/bin/java; do [ -x "$j" ] && java_bin="$j" && break; done
cd sequences
"$java_bin" -Xmx2g -XX:ActiveProcessorCount=2 -cp "target/test-classes:target/classes:$cp" org.lodestone.seq.bench.SequenceBenchmark ../../shared/pulseq
