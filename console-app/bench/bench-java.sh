# Sourced by the console-app bench scripts: builds console-app and its sibling modules, then sets
# $java_bin (a JDK 25) and $bench_cp (console-app's test classpath). Runs from the repository root.
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
cpfile="$(mktemp)"
trap 'rm -f "$cpfile"' EXIT
# Built in the reactor (-am), so the sibling modules come from their target/ folders, not ~/.m2.
mvn -q -B -pl console-app -am test-compile dependency:build-classpath \
    -Dmdep.includeScope=test -Dmdep.outputFile="$cpfile"
bench_cp="console-app/target/test-classes:console-app/target/classes:$(cat "$cpfile")"
java_bin="${JAVA_HOME:+$JAVA_HOME/bin/}java"
for j in /usr/lib/jvm/*25*/bin/java; do [ -x "$j" ] && java_bin="$j" && break; done
