package org.lodestone.seq.pulseq;

import org.lodestone.hw.program.AdcCounters;
import org.lodestone.seq.model.Adc;
import org.lodestone.seq.model.ArbitraryGradient;
import org.lodestone.seq.model.Block;
import org.lodestone.seq.model.BlockExtension;
import org.lodestone.seq.model.Gradient;
import org.lodestone.seq.model.Rf;
import org.lodestone.seq.model.Sequence;
import org.lodestone.seq.model.Trap;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a {@link Sequence} as a Pulseq 1.5.0 file with an md5 [SIGNATURE]. Numbers are written as
 * the shortest decimals that read back to the same doubles, so read → write → read is exact.
 * Native pulses (signed real shape on a dwell that is a multiple of the RF raster) become magnitude
 * and phase (0 or ½ turn) shapes on the RF raster; a sequence without labels gets LABELSETs made
 * from its ADCs' MRD counters, so the counters survive the file.
 */
public final class PulseqWriter {
    private static final double US = 1e6, NS = 1e9;

    private PulseqWriter() {
    }

    public static void write(Sequence seq, Path path) throws IOException {
        Files.write(path, toBytes(seq));
    }

    public static byte[] toBytes(Sequence seq) {
        String body = new Writer(seq).body();
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String hash = PulseqReader.md5(bytes, bytes.length);
        String sig = "\n[SIGNATURE]\n"
                + "# This is the hash of the Pulseq file, calculated right before the [SIGNATURE] section was added\n"
                + "# It can be reproduced/verified with md5sum if the file trimmed to the position right above [SIGNATURE]\n"
                + "# The new line character preceding [SIGNATURE] BELONGS to the signature (and needs to be stripped away for recalculating/verification)\n"
                + "Type md5\nHash " + hash + "\n";
        return (body + sig).getBytes(StandardCharsets.UTF_8);
    }

    /** A shape's samples as a map key. */
    private record ShapeKey(double[] samples) {
        @Override
        public boolean equals(Object o) {
            return o instanceof ShapeKey k && Arrays.equals(samples, k.samples);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(samples);
        }
    }

    /** An ADC event as the file stores it: without the counters, which travel as labels. */
    private record AdcKey(double delay, int samples, double dwell, double phase, double freq, double freqPpm, double phasePpm, ShapeKey mod) {
    }

    private static final class Writer {
        final Sequence seq;
        final Rasters rasters;
        final Map<ShapeKey, Integer> shapes = new LinkedHashMap<>();
        final Map<String, Integer> rfLines = new LinkedHashMap<>();
        final Map<Gradient, Integer> grads = new LinkedHashMap<>();
        final Map<AdcKey, Integer> adcs = new LinkedHashMap<>();
        final Map<String, Integer> extTypes = new LinkedHashMap<>();
        final Map<String, Map<String, Integer>> extSpecs = new LinkedHashMap<>();
        final Map<String, Integer> extEntries = new LinkedHashMap<>();
        final Map<List<BlockExtension>, Integer> chains = new java.util.HashMap<>();
        final Map<Rf, Integer> rfIds = new java.util.HashMap<>();

        Writer(Sequence seq) {
            this.seq = seq;
            this.rasters = Rasters.of(seq.definitions());
        }

        String body() {
            boolean synthesiseLabels = seq.blocks().stream().noneMatch(b -> !b.labels().isEmpty());
            StringBuilder blocks = new StringBuilder();
            int[] state = new int[LabelState.COUNTERS.size()];
            long flagState = 0;
            int num = 0;
            for (Block b : seq.blocks()) {
                num++;
                List<BlockExtension> ext = b.extensions();
                if (synthesiseLabels && b.adc() != null) {
                    List<BlockExtension> labels = new ArrayList<>(ext);
                    int[] c = LabelState.values(b.adc().counters() == null ? AdcCounters.ZERO : b.adc().counters());
                    for (int i = 0; i < c.length; i++) {
                        if (c[i] != state[i]) labels.add(new BlockExtension.Label(LabelState.COUNTERS.get(i), c[i], false));
                    }
                    for (var f : LabelState.FLAGS.entrySet().stream().sorted(Map.Entry.comparingByKey()).toList()) {
                        long bit = 1L << (f.getValue() - 1);
                        if ((b.adc().flags() & bit) != (flagState & bit)) {
                            labels.add(new BlockExtension.Label(f.getKey(), (b.adc().flags() & bit) != 0 ? 1 : 0, false));
                        }
                    }
                    state = c;
                    flagState = b.adc().flags();
                    ext = labels;
                }
                long dur = Math.round(b.duration() / rasters.block());
                if (Math.abs(dur * rasters.block() - b.duration()) > 1e-9) {
                    throw new IllegalArgumentException(String.format("block %d: duration %.9f s is not on the %.3f µs block raster",
                            num - 1, b.duration(), rasters.block() * 1e6));
                }
                blocks.append(String.format("%d %d %d %d %d %d %d %d%n", num, dur, rf(b.rf()), grad(b.gx()), grad(b.gy()),
                        grad(b.gz()), adc(b.adc()), chain(ext)));
            }

            StringBuilder out = new StringBuilder();
            out.append("# Pulseq sequence file\n# Created by Lodestone\n\n[VERSION]\nmajor 1\nminor 5\nrevision 0\n\n");
            Map<String, String> defs = new LinkedHashMap<>(seq.definitions());
            defs.putIfAbsent("AdcRasterTime", PulseqNumbers.toFile(rasters.adc(), 1));
            defs.putIfAbsent("BlockDurationRaster", PulseqNumbers.toFile(rasters.block(), 1));
            defs.putIfAbsent("GradientRasterTime", PulseqNumbers.toFile(rasters.gradient(), 1));
            defs.putIfAbsent("RadiofrequencyRasterTime", PulseqNumbers.toFile(rasters.rf(), 1));
            defs.putIfAbsent("TotalDuration", PulseqNumbers.toFile(seq.duration(), 1));
            out.append("[DEFINITIONS]\n");
            defs.forEach((k, v) -> out.append(k).append(' ').append(v).append('\n'));
            out.append("\n# Format of blocks:\n# NUM DUR RF  GX  GY  GZ  ADC  EXT\n[BLOCKS]\n").append(blocks);
            if (!rfLines.isEmpty()) {
                out.append("\n# Format of RF events:\n# id ampl. mag_id phase_id time_shape_id center delay freqPPM phasePPM freq phase use\n"
                        + "# ..   Hz      ..       ..            ..     us    us     ppm  rad/MHz   Hz   rad  ..\n[RF]\n");
                rfLines.forEach((line, id) -> out.append(id).append(' ').append(line).append('\n'));
            }
            StringBuilder arb = new StringBuilder(), trap = new StringBuilder();
            for (var e : grads.entrySet()) {
                if (e.getKey() instanceof Trap t) {
                    trap.append(e.getValue()).append(' ').append(n(t.amplitude())).append(' ').append(us(t.rise())).append(' ')
                            .append(us(t.flat())).append(' ').append(us(t.fall())).append(' ').append(us(t.delay())).append('\n');
                } else if (e.getKey() instanceof ArbitraryGradient g) {
                    arb.append(e.getValue()).append(' ').append(n(g.amplitude())).append(' ').append(n(g.first())).append(' ')
                            .append(n(g.last())).append(' ').append(shape(g.shape())).append(' ')
                            .append(g.timeShape() == null ? 0 : shape(g.timeShape())).append(' ').append(us(g.delay())).append('\n');
                }
            }
            if (!arb.isEmpty()) {
                out.append("\n# Format of arbitrary gradients:\n#   time_shape_id of 0 means default timing (stepping with grad_raster starting at 1/2 of grad_raster)\n"
                        + "# id amplitude first last amp_shape_id time_shape_id delay\n# ..      Hz/m  Hz/m Hz/m        ..         ..          us\n[GRADIENTS]\n").append(arb);
            }
            if (!trap.isEmpty()) {
                out.append("\n# Format of trapezoid gradients:\n# id amplitude rise flat fall delay\n# ..      Hz/m   us   us   us    us\n[TRAP]\n").append(trap);
            }
            if (!adcs.isEmpty()) {
                out.append("\n# Format of ADC events:\n# id num dwell delay freqPPM phasePPM freq phase phase_id\n# ..  ..    ns    us     ppm  rad/MHz   Hz   rad       ..\n[ADC]\n");
                for (var e : adcs.entrySet()) {
                    AdcKey a = e.getKey();
                    out.append(e.getValue()).append(' ').append(a.samples).append(' ').append(PulseqNumbers.toFile(a.dwell, NS)).append(' ')
                            .append(us(a.delay)).append(' ').append(n(a.freqPpm)).append(' ').append(n(a.phasePpm)).append(' ')
                            .append(n(a.freq)).append(' ').append(n(a.phase)).append(' ').append(a.mod == null ? 0 : shapes.get(a.mod)).append('\n');
                }
            }
            if (!extEntries.isEmpty()) {
                out.append("\n# Format of extension lists:\n# id type ref next_id\n# next_id of 0 terminates the list\n# Extension list is followed by extension specifications\n[EXTENSIONS]\n");
                extEntries.forEach((line, id) -> out.append(id).append(' ').append(line).append('\n'));
                for (var t : extTypes.entrySet()) {
                    out.append("\nextension ").append(t.getKey()).append(' ').append(t.getValue()).append('\n');
                    extSpecs.get(t.getKey()).forEach((line, id) -> out.append(id).append(' ').append(line).append('\n'));
                }
            }
            if (!shapes.isEmpty()) {
                out.append("\n# Sequence Shapes\n[SHAPES]\n\n");
                for (var e : shapes.entrySet()) {
                    out.append("shape_id ").append(e.getValue()).append("\nnum_samples ").append(e.getKey().samples.length).append('\n');
                    for (String s : ShapeCodec.encode(e.getKey().samples)) out.append(s).append('\n');
                    out.append('\n');
                }
            }
            return out.toString();
        }

        static String n(double v) {
            return PulseqNumbers.toFile(v, 1);
        }

        static String us(double seconds) {
            return PulseqNumbers.toFile(seconds, US);
        }

        int shape(double[] samples) {
            return shapes.computeIfAbsent(new ShapeKey(samples), k -> shapes.size() + 1);
        }

        int rf(Rf rf) {
            if (rf == null) return 0;
            Integer known = rfIds.get(rf);
            if (known != null) return known;
            float[] mag = rf.shape();
            double[] phase = rf.phaseShape();
            double[] time = rf.timeShape();
            int repeat = 1;
            if (time == null && phase == null) {
                // Native pulse: signed real samples on a dwell that is a multiple of the RF raster.
                double k = rf.dwell() / rasters.rf();
                repeat = (int) Math.round(k);
                if (Math.abs(k - repeat) > 1e-6 || repeat < 1) {
                    throw new IllegalArgumentException("RF dwell " + rf.dwell() * 1e6 + " µs is not a multiple of the RF raster " + rasters.rf() * 1e6 + " µs");
                }
            }
            double[] m = new double[mag.length * repeat];
            double[] p = new double[mag.length * repeat];
            for (int i = 0; i < mag.length; i++) {
                for (int r = 0; r < repeat; r++) {
                    m[i * repeat + r] = phase == null ? Math.abs(mag[i]) : mag[i];
                    p[i * repeat + r] = phase != null ? phase[i] : mag[i] < 0 ? 0.5 : 0;
                }
            }
            double center = Double.isNaN(rf.center()) ? rf.effectiveCenter() : rf.center();
            String line = n(rf.amplitudeHz()) + ' ' + shape(m) + ' ' + shape(p) + ' ' + (time == null ? 0 : shape(time)) + ' '
                    + us(center) + ' ' + us(rf.delay()) + ' ' + n(rf.frequencyPpm()) + ' ' + n(rf.phasePpm()) + ' '
                    + n(rf.frequencyOffsetHz()) + ' ' + n(rf.phaseRad()) + ' ' + rf.use().code;
            int id = rfLines.computeIfAbsent(line, k -> rfLines.size() + 1);
            rfIds.put(rf, id);
            return id;
        }

        int grad(Gradient g) {
            if (g == null) return 0;
            if (g instanceof ArbitraryGradient a && Math.abs(a.raster() - rasters.gradient()) > 1e-15) {
                throw new IllegalArgumentException("arbitrary gradient on a " + a.raster() * 1e6 + " µs raster; the file's is " + rasters.gradient() * 1e6 + " µs");
            }
            return grads.computeIfAbsent(g, k -> grads.size() + 1);
        }

        int adc(Adc a) {
            if (a == null) return 0;
            ShapeKey mod = null;
            if (a.phaseModulation() != null) {
                mod = new ShapeKey(a.phaseModulation());
                shape(a.phaseModulation());
            }
            return adcs.computeIfAbsent(new AdcKey(a.delay(), a.samples(), a.dwell(), a.phaseRad(), a.frequencyOffsetHz(),
                    a.frequencyPpm(), a.phasePpm(), mod), k -> adcs.size() + 1);
        }

        int chain(List<BlockExtension> ext) {
            if (ext.isEmpty()) return 0;
            Integer known = chains.get(ext);
            if (known != null) return known;
            int next = chain(ext.subList(1, ext.size()));
            BlockExtension head = ext.getFirst();
            String type;
            String spec;
            switch (head) {
                case BlockExtension.Label l -> {
                    type = l.increment() ? "LABELINC" : "LABELSET";
                    spec = l.value() + " " + l.name();
                }
                case BlockExtension.Trigger t -> {
                    type = "TRIGGERS";
                    spec = t.type() + " " + t.channel() + " " + us(t.delay()) + " " + us(t.duration());
                }
                case BlockExtension.Other o -> {
                    type = o.type();
                    spec = o.fields();
                }
            }
            int typeId = extTypes.computeIfAbsent(type, k -> extTypes.size() + 1);
            Map<String, Integer> specs = extSpecs.computeIfAbsent(type, k -> new LinkedHashMap<>());
            int ref = specs.computeIfAbsent(spec, k -> specs.size() + 1);
            int id = extEntries.computeIfAbsent(typeId + " " + ref + " " + next, k -> extEntries.size() + 1);
            chains.put(List.copyOf(ext), id);
            return id;
        }
    }
}
