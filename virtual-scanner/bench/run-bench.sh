#!/usr/bin/env bash
# Real-time factor of the virtual scanner (simulation time / scan time) on 2 threads.
# Usage: virtual-scanner/bench/run-bench.sh [se128] [se256] [tse3d]   (default: all)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
mvn -q -B -o -pl virtual-scanner -am install -DskipTests
cpfile="$(mktemp)"
trap 'rm -f "$cpfile"' EXIT
mvn -q -B -o -pl virtual-scanner dependency:build-classpath -Dmdep.outputFile="$cpfile" >/dev/null
cp="$(cat "$cpfile")"
java_bin="${JAVA_HOME:+$JAVA_HOME/bin/}java"
for j in /usr/lib/jvm/*25*/bin/java; do [ -x "$j" ] && java_bin="$j" && break; done
"$java_bin" -Xmx3g -XX:ActiveProcessorCount=2 -cp "virtual-scanner/target/classes:$cp" org.lodestone.twin.bench.RealTimeFactor "$@"
