#!/usr/bin/env bash
# Real-time factor of the virtual scanner (simulation time / scan time) on 2 threads.
# Usage: virtual-scanner/bench/run-bench.sh [se128] [se256] [tse3d] [p:gre3d] [p:tse3d]   (default: all)
#   p:NAME = the console's protocol NAME with its defaults, compiled as `lodestone scan --protocol NAME` does
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
cpfile="$(mktemp)"
trap 'rm -f "$cpfile"' EXIT
# One reactor build: the sibling modules resolve to their target/classes; nothing is installed into ~/.m2.
# Test classes too: the protocols come from `sequences`, a test-scope dependency of the twin.
mvn -q -B -pl virtual-scanner -am test-compile dependency:build-classpath -Dmdep.outputFile="$cpfile" >/dev/null
cp="$(cat "$cpfile")"
java_bin="${JAVA_HOME:+$JAVA_HOME/bin/}java"
for j in /usr/lib/jvm/*25*/bin/java; do [ -x "$j" ] && java_bin="$j" && break; done
"$java_bin" -Xmx3g -XX:ActiveProcessorCount=2 -cp "virtual-scanner/target/classes:virtual-scanner/target/test-classes:$cp" \
    org.lodestone.twin.bench.ProtocolRealTimeFactor "$@"
