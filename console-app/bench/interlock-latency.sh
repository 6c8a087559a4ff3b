#!/usr/bin/env bash
# Interlock latency through the console's wiring to the virtual scanner process (see
# console-app/src/test/java/org/lodestone/console/unit/bench/WiredInterlockLatency.java).
# Usage: console-app/bench/interlock-latency.sh [trials]   (default 100)
set -euo pipefail
. "$(dirname "$0")/bench-java.sh"
"$java_bin" --enable-native-access=ALL-UNNAMED -cp "$bench_cp" org.lodestone.console.unit.bench.WiredInterlockLatency "$@"
