#!/usr/bin/env bash
# Window/level frames per second of the image viewer on a 512² slice, headless on Monocle (see
# console-app/src/test/java/org/lodestone/console/ui/viewer/bench/ViewerFps.java). Prints the figures, asserts nothing.
# Usage: console-app/bench/viewer-fps.sh [frames]   (default 300)
set -euo pipefail
. "$(dirname "$0")/bench-java.sh"
"$java_bin" --enable-native-access=ALL-UNNAMED -Djava.awt.headless=true -cp "$bench_cp" \
    org.lodestone.console.ui.viewer.bench.ViewerFps "$@"
