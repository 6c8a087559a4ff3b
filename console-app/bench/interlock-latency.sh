#!/usr/bin/env bash
# Interlock latency through the console's wiring to the virtual scanner process (see
# console-app/src/test/java/org/lodestone/console/unit/bench/WiredInterlockLatency.java).
# Usage: console-app/bench/interlock-latency.sh [trials]   (default 100)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
cpfile="$(mktemp)"
trap 'rm -f "$cpfile"' EXIT
# Built in the reactor (-am), so the sibling modules come from their target/ folders, not ~/.m2.
mvn -q -B -pl console-app -am test-compile dependency:build-classpath \
    -Dmdep.includeScope=test -Dmdep.outputFile="$cpfile"
java_bin="${JAVA_HOME:+$JAVA_HOME/bin/}java"
for j in /usr/lib/jvm/*25*/bin/java; do [ -x "$j" ] && java_bin="$j" && break; done
"$java_bin" --enable-native-access=ALL-UNNAMED -cp "console-app/target/test-classes:console-app/target/classes:$(cat "$cpfile")" \
    org.lodestone.console.unit.bench.WiredInterlockLatency "$@"
