#!/usr/bin/env bash
# Window/level frames per second of the image viewer on a 512² slice, headless on Monocle (see
# console-app/src/test/java/org/lodestone/console/ui/viewer/bench/ViewerFps.java). Prints the figures, asserts nothing.
# Usage: console-app/bench/viewer-fps.sh [frames]   (default 300)
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
"$java_bin" --enable-native-access=ALL-UNNAMED -Djava.awt.headless=true \
    -cp "console-app/target/test-classes:console-app/target/classes:$(cat "$cpfile")" \
    org.lodestone.console.ui.viewer.bench.ViewerFps "$@"
