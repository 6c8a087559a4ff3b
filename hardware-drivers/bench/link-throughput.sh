#!/usr/bin/env bash
# Link streaming benchmark: framed ACQ_FRAGMENT stream over a socat pty and TCP loopback against a raw
# jSerialComm copy through the same kind of pty, in one run (see LinkThroughput.java).
# Usage: hardware-drivers/bench/link-throughput.sh [MB [raw|raw-two-way|pty|tcp]]   (default 64, all paths; needs socat)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
cpfile="$(mktemp)"
trap 'rm -f "$cpfile"' EXIT
# One reactor build: nothing is installed into ~/.m2.
mvn -q -B -pl hardware-drivers -am test-compile dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile="$cpfile" >/dev/null
java_bin="${JAVA_HOME:+$JAVA_HOME/bin/}java"
for j in /usr/lib/jvm/*25*/bin/java; do [ -x "$j" ] && java_bin="$j" && break; done
"$java_bin" --enable-native-access=ALL-UNNAMED -cp "hardware-drivers/target/test-classes:hardware-drivers/target/classes:$(cat "$cpfile")" \
    org.lodestone.hw.link.bench.LinkThroughput "${1:-64}" "${2:-all}"
