#!/usr/bin/env bash
# Times Lodestone (JMH, warm, in-process) and BART (CLI on .cfl files, wall time, median of $REPEATS runs)
# on the same generated data and prints both with the ratio BART/Lodestone (>1 means Lodestone is faster).
# Then accelerated 2D: the synthetic 256² × 8 coils case and real se2d scans on the twin (bin/lodestone scan) at
# acceleration 1-4, ours against bart pics on the same raw data and mask, scored against the twin's truth.
# Usage: reconstruction/bench/run-bench.sh   (from anywhere; needs mvn, JDK 25 via toolchains, bart, socat)
#        PARTS=accel reconstruction/bench/run-bench.sh   only the two acceleration parts (skips JMH and the FFT cases)
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
MODULE="$(dirname "$HERE")"
ROOT="$(dirname "$MODULE")"
REPEATS="${REPEATS:-5}"
PARTS="${PARTS:-all}"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
JAVA_HOME="${JAVA25_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"

cd "$ROOT"
mvn -q -B -pl sequences,reconstruction -am compile   # target/classes only: never install (~/.m2 is shared)
# -am compile: reconstruction's tests use sequences, which is in the reactor only (never installed); the
# reconstruction module is last in the reactor, so its classpath is the one left in cp.txt
mvn -q -B -Pbench -pl reconstruction -am compile dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile="$WORK/cp.txt" || \
  mvn -q -B -Pbench -pl reconstruction -am compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$WORK/cp.txt"
# sequences (and its hardware-drivers) only for the 2D protocols' line pattern in AccelerationBench
CP="$MODULE/target/classes:$ROOT/sequences/target/classes:$ROOT/hardware-drivers/target/classes:$(cat "$WORK/cp.txt")"
mkdir -p "$WORK/classes"
"$JAVA_HOME/bin/javac" -d "$WORK/classes" -cp "$CP" -processorpath "$CP" \
    $(find "$MODULE/src/bench/java" -name '*.java')
CP="$WORK/classes:$CP"

if [ "$PARTS" = all ]; then
echo "== generating data (same generator as the JMH state) =="
"$JAVA_HOME/bin/java" -cp "$CP" org.lodestone.recon.bench.BenchData "$WORK/data"

echo "== Lodestone (JMH) =="
"$JAVA_HOME/bin/java" -cp "$CP" org.openjdk.jmh.Main -rf csv -rff "$WORK/jmh.csv" ReconBenchmarks 2>&1 \
  | grep -E "^(Benchmark|ReconBenchmarks)" || true

median_ms() { # command... -> median wall time in ms over $REPEATS runs
  local times=()
  for _ in $(seq "$REPEATS"); do
    local t0 t1; t0=$(date +%s%N); "$@" >/dev/null 2>&1; t1=$(date +%s%N)
    times+=($(( (t1 - t0) / 1000000 )))
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'
}
cd "$WORK/data"
bart_fft2d() { bart fft -i 3 k2d i2d && bart rss 8 i2d r2d; }
bart_fft3d() { bart fft -i 7 k3d i3d && bart rss 8 i3d r3d; }
bart_cs() { bart pics -l1 -r 0.005 -i 30 kcs sens xcs; }
bart_latency() { bart fft -i 3 k1 i1 && bart rss 8 i1 r1; }
B2=$(median_ms bart_fft2d); B3=$(median_ms bart_fft3d); BC=$(median_ms bart_cs); BL=$(median_ms bart_latency)

# JMH CSV: "Benchmark","Mode","Threads","Samples","Score","Score Error (99.9%)","Unit"[,"Param: engine"]
lode() { # name [engine]
  grep "\"org.lodestone.recon.bench.ReconBenchmarks.$1\"" "$WORK/jmh.csv" | { if [ -n "${2:-}" ]; then grep -E ",\"?$2\"?\s*$"; else cat; fi; } \
    | head -1 | awk -F, '{gsub(/"/,"",$5); print $5}' || true
}
L2J=$(lode fftRss2D_256x256x8 JTRANSFORMS); L2F=$(lode fftRss2D_256x256x8 FFTW)
L3J=$(lode fftRss3D_128x128x64x4 JTRANSFORMS); L3F=$(lode fftRss3D_128x128x64x4 FFTW)
LC=$(lode cs_256x256x8_4x_30it)
LL=$(lode latencyLastLineToNifti_256)

echo
echo "== Results ($(nproc) cores; Lodestone = JMH average, warm, in-process; BART = CLI wall time incl. process start and .cfl I/O, median of $REPEATS) =="
printf '%-50s %14s %14s %10s\n' "case" "Lodestone ms" "BART ms" "BART/Lode"
row() { printf '%-50s %14.2f %14d %10.2f\n' "$1" "$2" "$3" "$(awk -v b="$3" -v l="$2" 'BEGIN{print b/l}')"; }
row "2D FFT+RSS 256x256x8 (JTransforms)" "$L2J" "$B2"
[ -n "$L2F" ] && row "2D FFT+RSS 256x256x8 (FFTW via FFM)" "$L2F" "$B2"
row "3D FFT+RSS 128x128x64x4 (JTransforms)" "$L3J" "$B3"
[ -n "$L3F" ] && row "3D FFT+RSS 128x128x64x4 (FFTW via FFM)" "$L3F" "$B3"
row "CS L1-wavelet 256x256x8 4x, 30 it" "$LC" "$BC"
row "latency last line -> NIfTI written, 256^2x8" "$LL" "$BL"
echo "(latency: Lodestone = the console's streaming path, last line added -> slice on disk; BART = fft+rss of that slice on files)"
echo "Latency goal: < 100 ms -> $(awk -v l="$LL" 'BEGIN{print (l < 100) ? "met" : "NOT met"}')"

fi

echo
echo "== Accelerated 2D (256² × 8 coils, acceleration 1-4): ours vs bart pics on the same raw data and mask; $(uptime | sed 's/.*load/load/') =="
# TRUTH=path/to/truth.nii (256², e.g. from scan --sim-truth) uses the twin's truth as the object instead of the phantom.
"$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -cp "$CP" org.lodestone.recon.bench.AccelerationBench "$WORK/accel" ${TRUTH:-}

echo
echo "== Accelerated 2D on the twin: se2d 256², 8 coils, acceleration 1-4, the scan path's raw.mrd; ours vs bart pics on the same k-space and mask; $(uptime | sed 's/.*load/load/') =="
# A real scan each (the console's scan path, twin process behind a socat pty pair, fixed seed, as fast as it simulates).
for R in 1 2 3 4; do
  t0=$(date +%s%N)
  "$ROOT/bin/lodestone" scan --protocol se2d --param matrix=256 --param acceleration=$R --sim-coils 8 --sim-speed 0 \
      --sim-seed 5 --sim-truth "$WORK/twin/r$R/truth" --out "$WORK/twin/r$R" --operator bench >"$WORK/scan$R.log" 2>&1 \
    || { echo "scan at acceleration $R failed:"; tail -5 "$WORK/scan$R.log"; exit 1; }
  echo "scan se2d 256² acceleration $R: $(( ($(date +%s%N) - t0) / 1000000 )) ms wall (build, twin start, simulation, recon), derived.scan_time_s $(grep -o '"scan_time_s" : [0-9.]*' "$WORK/twin/r$R/scan.json" | head -1 | awk '{printf "%.1f", $3}'), $(uptime | sed 's/.*load/load/')"
done
"$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -cp "$CP" org.lodestone.recon.bench.TwinAccelerationBench "$WORK/twin"
echo "($(date -u '+%Y-%m-%d %H:%M UTC'), $(uptime | sed 's/.*load/load/'))"
