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
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads Pulseq files of format 1.2 to 1.5 into a {@link Sequence}. Column layouts follow the
 * version: [RF] gains a time shape in 1.4 and a centre, ppm offsets and a use letter in 1.5;
 * [GRADIENTS] gains a time shape in 1.4 and first/last in 1.5; [ADC] gains ppm offsets and a phase
 * shape in 1.5; [BLOCKS] holds a duration (block-raster units) from 1.4 and a [DELAYS] id before.
 * Labels (LABELSET/LABELINC) are kept on their blocks and also evaluated into each ADC's MRD counters.
 */
public final class PulseqReader {
    private static final double US = 1e6, NS = 1e9;

    private PulseqReader() {
    }

    public static PulseqFile read(Path path) throws IOException, PulseqFormatException {
        return parse(Files.readAllBytes(path), path.getFileName().toString());
    }

    public static PulseqFile parse(byte[] content, String fileName) throws PulseqFormatException {
        return new Parse(content, fileName).run();
    }

    /** One data line: its number, its tokens, and the section it is in. */
    private record Row(int line, String section, String[] tok, String text) {
    }

    private record ExtensionType(String name, int line) {
    }

    private static final class Parse {
        final byte[] content;
        final String file;
        final Map<String, List<Row>> sections = new LinkedHashMap<>();
        final Map<Integer, ExtensionType> extensionTypes = new HashMap<>();
        final Map<String, Integer> sectionLine = new HashMap<>();
        PulseqVersion version;
        Rasters rasters;

        Parse(byte[] content, String file) {
            this.content = content;
            this.file = file;
        }

        PulseqFormatException error(Row r, String problem) {
            String id = r.tok.length > 0 ? r.tok[0] : "";
            String where = r.section.startsWith("[") ? r.section + (isEventSection(r.section) ? " id " + id : "") : r.section;
            return new PulseqFormatException(file, r.line, where, problem);
        }

        static boolean isEventSection(String s) {
            return !(s.equals("[VERSION]") || s.equals("[DEFINITIONS]") || s.equals("[SHAPES]") || s.equals("[SIGNATURE]"));
        }

        PulseqFile run() throws PulseqFormatException {
            split();
            readVersion();
            Map<String, String> defs = readDefinitions();
            rasters = Rasters.of(defs);
            Map<Integer, double[]> shapes = readShapes();
            Map<Integer, Rf> rfs = readRf(shapes);
            Map<Integer, Gradient> grads = readGradients(shapes);
            Map<Integer, Adc> adcs = readAdc(shapes);
            Map<Integer, Double> delays = readDelays();
            Map<Integer, List<BlockExtension>> chains = readExtensions();
            List<Block> blocks = readBlocks(rfs, grads, adcs, delays, chains);
            String[] signature = checkSignature();
            String name = defs.getOrDefault("Name", file.replaceFirst("\\.seq$", ""));
            return new PulseqFile(new Sequence(name, blocks, defs), version, rasters, signature[0], signature[1]);
        }

        void split() throws PulseqFormatException {
            String text = new String(content, StandardCharsets.UTF_8);
            String section = null;
            int lineNo = 0;
            for (String raw : text.split("\n", -1)) {
                lineNo++;
                String t = raw.strip();
                if (t.isEmpty() || t.startsWith("#")) continue;
                if (t.startsWith("[")) {
                    section = t.toUpperCase();
                    if (!List.of("[VERSION]", "[DEFINITIONS]", "[BLOCKS]", "[RF]", "[GRADIENTS]", "[TRAP]", "[ADC]", "[DELAYS]",
                            "[EXTENSIONS]", "[SHAPES]", "[SIGNATURE]").contains(section)) {
                        throw new PulseqFormatException(file, lineNo, null, "unknown section " + t);
                    }
                    if (sectionLine.putIfAbsent(section, lineNo) != null) {
                        throw new PulseqFormatException(file, lineNo, null, "section " + t + " appears twice");
                    }
                    sections.computeIfAbsent(section, k -> new ArrayList<>());
                    continue;
                }
                String[] tok = t.split("\\s+");
                if (tok[0].equals("extension")) {
                    if (tok.length != 3) throw new PulseqFormatException(file, lineNo, null, "expected 'extension NAME ID', found '" + t + "'");
                    int id;
                    try {
                        id = Integer.parseInt(tok[2]);
                    } catch (NumberFormatException e) {
                        throw new PulseqFormatException(file, lineNo, "extension " + tok[1], "field 'id' is not a whole number");
                    }
                    section = "extension " + tok[1] + " " + id;
                    extensionTypes.put(id, new ExtensionType(tok[1], lineNo));
                    sections.computeIfAbsent(section, k -> new ArrayList<>());
                    continue;
                }
                if (section == null) throw new PulseqFormatException(file, lineNo, null, "data before the first section: '" + t + "'");
                sections.get(section).add(new Row(lineNo, section, tok, t));
            }
            if (!sections.containsKey("[VERSION]")) throw new PulseqFormatException(file, 0, null, "no [VERSION] section");
            if (!sections.containsKey("[BLOCKS]")) throw new PulseqFormatException(file, 0, null, "no [BLOCKS] section");
        }

        List<Row> rows(String section) {
            return sections.getOrDefault(section, List.of());
        }

        void readVersion() throws PulseqFormatException {
            int major = -1, minor = -1, revision = 0;
            for (Row r : rows("[VERSION]")) {
                if (r.tok.length < 2) throw error(r, "expected 'major|minor|revision N'");
                String digits = r.tok[1].replaceFirst("^(\\d+).*$", "$1"); // "0post1" → 0
                int v;
                try {
                    v = Integer.parseInt(digits);
                } catch (NumberFormatException e) {
                    throw error(r, "field '" + r.tok[0] + "' is not a whole number");
                }
                switch (r.tok[0]) {
                    case "major" -> major = v;
                    case "minor" -> minor = v;
                    case "revision" -> revision = v;
                    default -> throw error(r, "unknown version field '" + r.tok[0] + "'");
                }
            }
            Row first = rows("[VERSION]").isEmpty() ? new Row(sectionLine.get("[VERSION]"), "[VERSION]", new String[0], "")
                    : rows("[VERSION]").getFirst();
            if (major < 0 || minor < 0) throw error(first, "major and minor are required");
            version = new PulseqVersion(major, minor, revision);
            if (major != 1 || !version.atLeast(PulseqVersion.V1_2_0) || minor > 5) {
                throw error(first, "format " + version + " is not supported (1.2 to 1.5 are)");
            }
        }

        Map<String, String> readDefinitions() {
            Map<String, String> defs = new LinkedHashMap<>();
            for (Row r : rows("[DEFINITIONS]")) defs.put(r.tok[0], r.text.substring(r.tok[0].length()).strip());
            return defs;
        }

        double num(Row r, int col, String field) throws PulseqFormatException {
            return num(r, col, field, 1);
        }

        double num(Row r, int col, String field, double unitsPerSecond) throws PulseqFormatException {
            if (col >= r.tok.length) throw error(r, "field '" + field + "' is missing (" + (r.tok.length - 1) + " values on the line)");
            try {
                double v = PulseqNumbers.fromFile(r.tok[col], unitsPerSecond);
                if (!Double.isFinite(v)) throw error(r, "field '" + field + "' is not finite");
                return v;
            } catch (NumberFormatException e) {
                throw error(r, "field '" + field + "' is not a number");
            }
        }

        int integer(Row r, int col, String field) throws PulseqFormatException {
            if (col >= r.tok.length) throw error(r, "field '" + field + "' is missing (" + (r.tok.length - 1) + " values on the line)");
            try {
                return Integer.parseInt(r.tok[col]);
            } catch (NumberFormatException e) {
                throw error(r, "field '" + field + "' is not a whole number");
            }
        }

        void columns(Row r, String... names) throws PulseqFormatException {
            if (r.tok.length != names.length) {
                throw error(r, "expected " + names.length + " columns (" + String.join(" ", names) + ") for format " + version
                        + ", found " + r.tok.length);
            }
        }

        Map<Integer, double[]> readShapes() throws PulseqFormatException {
            Map<Integer, double[]> shapes = new HashMap<>();
            List<Row> rows = rows("[SHAPES]");
            boolean alwaysCompressed = !version.atLeast(PulseqVersion.V1_4_0);
            int i = 0;
            while (i < rows.size()) {
                Row head = rows.get(i);
                if (!head.tok[0].equals("shape_id") || head.tok.length != 2) throw error(head, "expected 'shape_id N'");
                int id = integer(head, 1, "shape_id");
                if (i + 1 >= rows.size() || !rows.get(i + 1).tok[0].equals("num_samples")) {
                    throw error(head, "shape " + id + ": expected 'num_samples N' next");
                }
                Row ns = rows.get(i + 1);
                int n = integer(ns, 1, "num_samples");
                if (n <= 0) throw error(ns, "shape " + id + ": field 'num_samples' must be positive");
                List<Double> packed = new ArrayList<>();
                int j = i + 2;
                for (; j < rows.size() && !rows.get(j).tok[0].equals("shape_id"); j++) {
                    Row v = rows.get(j);
                    if (v.tok.length != 1) throw error(v, "shape " + id + ": expected one value per line");
                    packed.add(num(v, 0, "sample"));
                }
                double[] p = packed.stream().mapToDouble(Double::doubleValue).toArray();
                double[] samples = ShapeCodec.decompress(p, n, alwaysCompressed);
                if (samples == null) throw error(ns, "shape " + id + ": " + p.length + " stored values do not expand to num_samples " + n);
                if (shapes.put(id, samples) != null) throw error(head, "shape " + id + " defined twice");
                i = j;
            }
            return shapes;
        }

        double[] shape(Map<Integer, double[]> shapes, Row r, int col, String field) throws PulseqFormatException {
            int id = integer(r, col, field);
            if (id == 0) return null;
            double[] s = shapes.get(id);
            if (s == null) throw error(r, "field '" + field + "' refers to shape " + id + ", which [SHAPES] does not define");
            return s;
        }

        Map<Integer, Rf> readRf(Map<Integer, double[]> shapes) throws PulseqFormatException {
            Map<Integer, Rf> out = new HashMap<>();
            boolean v15 = version.atLeast(PulseqVersion.V1_5_0), v14 = version.atLeast(PulseqVersion.V1_4_0);
            for (Row r : rows("[RF]")) {
                int c = 1;
                if (v15) columns(r, "id", "amplitude", "mag_id", "phase_id", "time_shape_id", "center", "delay", "freqPPM", "phasePPM", "freq", "phase", "use");
                else if (v14) columns(r, "id", "amplitude", "mag_id", "phase_id", "time_shape_id", "delay", "freq", "phase");
                else columns(r, "id", "amplitude", "mag_id", "phase_id", "delay", "freq", "phase");
                int id = integer(r, 0, "id");
                double amp = num(r, c++, "amplitude");
                double[] mag = shape(shapes, r, c++, "mag_id");
                if (mag == null) throw error(r, "field 'mag_id' must name a shape");
                double[] phase = shape(shapes, r, c++, "phase_id");
                double[] time = null;
                if (v14) {
                    if (integer(r, c, "time_shape_id") < 0) throw error(r, "field 'time_shape_id': oversampled RF (negative id) is not supported");
                    time = shape(shapes, r, c++, "time_shape_id");
                }
                double center = v15 ? num(r, c++, "center", US) : Double.NaN;
                double delay = num(r, c++, "delay", US);
                double freqPpm = v15 ? num(r, c++, "freqPPM") : 0;
                double phasePpm = v15 ? num(r, c++, "phasePPM") : 0;
                double freq = num(r, c++, "freq");
                double ph = num(r, c++, "phase");
                Rf.Use use = Rf.Use.UNDEFINED;
                if (v15) {
                    String u = r.tok[c];
                    try {
                        if (u.length() != 1) throw new IllegalArgumentException();
                        use = Rf.Use.ofCode(u.charAt(0));
                    } catch (IllegalArgumentException e) {
                        throw error(r, "field 'use' is '" + u + "', not one of e r i s p o u");
                    }
                }
                if (phase != null && phase.length != mag.length) throw error(r, "field 'phase_id': phase shape has " + phase.length + " samples, magnitude " + mag.length);
                if (time != null && time.length != mag.length) throw error(r, "field 'time_shape_id': time shape has " + time.length + " samples, magnitude " + mag.length);
                float[] m = new float[mag.length];
                for (int i = 0; i < m.length; i++) m[i] = (float) mag[i];
                Rf rf = new Rf(delay, amp, ph, freq, rasters.rf(), m, use, phase, time, center, freqPpm, phasePpm);
                if (Double.isNaN(center)) { // ≤ 1.4 does not store it: the peak's centre, as Pulseq computes it
                    rf = new Rf(delay, amp, ph, freq, rasters.rf(), m, use, phase, time, peakCentre(rf), freqPpm, phasePpm);
                }
                if (out.put(id, rf) != null) throw error(r, "RF event " + id + " defined twice");
            }
            return out;
        }

        static double peakCentre(Rf rf) {
            double peak = 0;
            for (float v : rf.shape()) peak = Math.max(peak, Math.abs(v));
            double first = -1, last = -1;
            for (int i = 0; i < rf.shape().length; i++) {
                if (Math.abs(rf.shape()[i]) >= peak * 0.99999) {
                    if (first < 0) first = rf.sampleTime(i);
                    last = rf.sampleTime(i);
                }
            }
            return (first + last) / 2;
        }

        Map<Integer, Gradient> readGradients(Map<Integer, double[]> shapes) throws PulseqFormatException {
            Map<Integer, Gradient> out = new HashMap<>();
            boolean v15 = version.atLeast(PulseqVersion.V1_5_0), v14 = version.atLeast(PulseqVersion.V1_4_0);
            for (Row r : rows("[GRADIENTS]")) {
                if (v15) columns(r, "id", "amplitude", "first", "last", "amp_shape_id", "time_shape_id", "delay");
                else if (v14) columns(r, "id", "amplitude", "amp_shape_id", "time_shape_id", "delay");
                else columns(r, "id", "amplitude", "amp_shape_id", "delay");
                int c = 1;
                int id = integer(r, 0, "id");
                double amp = num(r, c++, "amplitude");
                double first = v15 ? num(r, c++, "first") : Double.NaN;
                double last = v15 ? num(r, c++, "last") : Double.NaN;
                double[] shape = shape(shapes, r, c++, "amp_shape_id");
                if (shape == null) throw error(r, "field 'amp_shape_id' must name a shape");
                double[] time = null;
                if (v14) {
                    if (integer(r, c, "time_shape_id") < 0) throw error(r, "field 'time_shape_id': oversampled gradients (negative id) are not supported");
                    time = shape(shapes, r, c++, "time_shape_id");
                }
                double delay = num(r, c, "delay", US);
                if (time != null && time.length != shape.length) throw error(r, "field 'time_shape_id': time shape has " + time.length + " samples, amplitude " + shape.length);
                if (Double.isNaN(first)) {
                    double[] edges = ArbitraryGradient.extrapolatedEdges(amp, shape, time);
                    first = edges[0];
                    last = edges[1];
                }
                if (out.put(id, new ArbitraryGradient(amp, shape, time, rasters.gradient(), delay, first, last)) != null) {
                    throw error(r, "gradient " + id + " defined twice");
                }
            }
            for (Row r : rows("[TRAP]")) {
                columns(r, "id", "amplitude", "rise", "flat", "fall", "delay");
                int id = integer(r, 0, "id");
                Trap t = new Trap(num(r, 5, "delay", US), num(r, 2, "rise", US), num(r, 3, "flat", US), num(r, 4, "fall", US), num(r, 1, "amplitude"));
                if (t.rise() < 0 || t.flat() < 0 || t.fall() < 0 || t.delay() < 0) throw error(r, "negative trapezoid timing");
                if (out.put(id, t) != null) throw error(r, "gradient " + id + " is defined in both [GRADIENTS] and [TRAP] (or twice)");
            }
            return out;
        }

        Map<Integer, Adc> readAdc(Map<Integer, double[]> shapes) throws PulseqFormatException {
            Map<Integer, Adc> out = new HashMap<>();
            boolean v15 = version.atLeast(PulseqVersion.V1_5_0);
            for (Row r : rows("[ADC]")) {
                if (v15) columns(r, "id", "num", "dwell", "delay", "freqPPM", "phasePPM", "freq", "phase", "phase_id");
                else columns(r, "id", "num", "dwell", "delay", "freq", "phase");
                int id = integer(r, 0, "id");
                int n = integer(r, 1, "num");
                if (n <= 0) throw error(r, "field 'num' must be positive");
                double dwell = num(r, 2, "dwell", NS);
                if (dwell <= 0) throw error(r, "field 'dwell' must be positive");
                double delay = num(r, 3, "delay", US);
                Adc a;
                if (v15) {
                    double[] mod = shape(shapes, r, 8, "phase_id");
                    if (mod != null && mod.length != n) throw error(r, "field 'phase_id': phase shape has " + mod.length + " samples, the ADC " + n);
                    a = new Adc(delay, n, dwell, num(r, 7, "phase"), num(r, 6, "freq"), AdcCounters.ZERO, 0, num(r, 4, "freqPPM"), num(r, 5, "phasePPM"), mod);
                } else {
                    a = new Adc(delay, n, dwell, num(r, 5, "phase"), num(r, 4, "freq"), AdcCounters.ZERO, 0);
                }
                if (out.put(id, a) != null) throw error(r, "ADC event " + id + " defined twice");
            }
            return out;
        }

        Map<Integer, Double> readDelays() throws PulseqFormatException {
            Map<Integer, Double> out = new HashMap<>();
            for (Row r : rows("[DELAYS]")) {
                if (version.atLeast(PulseqVersion.V1_4_0)) throw error(r, "format 1.4 and later must not have a [DELAYS] section");
                columns(r, "id", "delay");
                out.put(integer(r, 0, "id"), num(r, 1, "delay", US));
            }
            return out;
        }

        Map<Integer, List<BlockExtension>> readExtensions() throws PulseqFormatException {
            // Specifications per extension type id: spec id → extension value
            Map<Integer, Map<Integer, BlockExtension>> specs = new HashMap<>();
            for (var e : extensionTypes.entrySet()) {
                String name = e.getValue().name();
                String section = "extension " + name + " " + e.getKey();
                Map<Integer, BlockExtension> lib = new HashMap<>();
                for (Row r : rows(section)) {
                    int id = integer(r, 0, "id");
                    BlockExtension x = switch (name) {
                        case "LABELSET", "LABELINC" -> {
                            columns(r, "id", "value", "label");
                            yield new BlockExtension.Label(r.tok[2], integer(r, 1, "value"), name.equals("LABELINC"));
                        }
                        case "TRIGGERS" -> {
                            columns(r, "id", "type", "channel", "delay", "duration");
                            yield new BlockExtension.Trigger(integer(r, 1, "type"), integer(r, 2, "channel"), num(r, 3, "delay", US), num(r, 4, "duration", US));
                        }
                        default -> new BlockExtension.Other(name, r.text.substring(r.tok[0].length()).strip());
                    };
                    if (lib.put(id, x) != null) throw error(r, "extension " + name + " id " + id + " defined twice");
                }
                specs.put(e.getKey(), lib);
            }
            record Entry(Row row, int type, int ref, int next) {
            }
            Map<Integer, Entry> entries = new HashMap<>();
            for (Row r : rows("[EXTENSIONS]")) {
                columns(r, "id", "type", "ref", "next_id");
                entries.put(integer(r, 0, "id"), new Entry(r, integer(r, 1, "type"), integer(r, 2, "ref"), integer(r, 3, "next_id")));
            }
            Map<Integer, List<BlockExtension>> chains = new HashMap<>();
            for (int head : entries.keySet()) {
                List<BlockExtension> chain = new ArrayList<>();
                int id = head;
                int guard = 0;
                while (id != 0) {
                    Entry e = entries.get(id);
                    if (e == null) throw new PulseqFormatException(file, 0, "[EXTENSIONS]", "list " + head + " refers to entry " + id + ", which is not defined");
                    if (++guard > entries.size()) throw error(e.row, "extension list " + head + " loops");
                    Map<Integer, BlockExtension> lib = specs.get(e.type);
                    if (lib == null) throw error(e.row, "field 'type' is " + e.type + ", but no 'extension NAME " + e.type + "' section declares it");
                    BlockExtension x = lib.get(e.ref);
                    if (x == null) throw error(e.row, "field 'ref' is " + e.ref + ", not defined in extension " + extensionTypes.get(e.type).name());
                    chain.add(x);
                    id = e.next;
                }
                chains.put(head, chain);
            }
            return chains;
        }

        List<Block> readBlocks(Map<Integer, Rf> rfs, Map<Integer, Gradient> grads, Map<Integer, Adc> adcs,
                               Map<Integer, Double> delays, Map<Integer, List<BlockExtension>> chains) throws PulseqFormatException {
            boolean v14 = version.atLeast(PulseqVersion.V1_4_0);
            boolean hasExtColumn = version.compareTo(PulseqVersion.V1_2_1) > 0;
            List<Block> blocks = new ArrayList<>();
            LabelState labels = new LabelState();
            for (Row r : rows("[BLOCKS]")) {
                if (hasExtColumn || v14) columns(r, "num", v14 ? "dur" : "delay", "rf", "gx", "gy", "gz", "adc", "ext");
                else if (r.tok.length != 7 && r.tok.length != 8) columns(r, "num", "delay", "rf", "gx", "gy", "gz", "adc");
                integer(r, 0, "num");
                Rf rf = ref(rfs, r, 2, "rf", "[RF]");
                Gradient gx = ref(grads, r, 3, "gx", "[GRADIENTS]/[TRAP]");
                Gradient gy = ref(grads, r, 4, "gy", "[GRADIENTS]/[TRAP]");
                Gradient gz = ref(grads, r, 5, "gz", "[GRADIENTS]/[TRAP]");
                Adc adc = ref(adcs, r, 6, "adc", "[ADC]");
                List<BlockExtension> ext = List.of();
                if (r.tok.length > 7) {
                    int e = integer(r, 7, "ext");
                    if (e != 0) {
                        ext = chains.get(e);
                        if (ext == null) throw error(r, "field 'ext' refers to extension list " + e + ", which [EXTENSIONS] does not define");
                    }
                }
                double duration;
                Block probe = new Block(0, rf, gx, gy, gz, adc, ext);
                if (v14) {
                    long units = integer(r, 1, "dur");
                    if (units < 0) throw error(r, "field 'dur' is negative");
                    duration = units * rasters.block();
                    if (probe.eventsEnd() > duration + 1e-9) {
                        throw error(r, String.format("events end at %.3f µs, after the block's duration %.3f µs", probe.eventsEnd() * 1e6, duration * 1e6));
                    }
                } else {
                    int d = integer(r, 1, "delay");
                    Double delay = d == 0 ? Double.valueOf(0) : delays.get(d);
                    if (delay == null) throw error(r, "field 'delay' refers to delay " + d + ", which [DELAYS] does not define");
                    duration = Math.max(delay, probe.eventsEnd());
                }
                labels.apply(ext);
                if (adc != null) adc = adc.withCountersAndFlags(labels.counters(), labels.flags());
                blocks.add(new Block(duration, rf, gx, gy, gz, adc, ext));
            }
            return blocks;
        }

        <T> T ref(Map<Integer, T> lib, Row r, int col, String field, String section) throws PulseqFormatException {
            int id = integer(r, col, field);
            if (id == 0) return null;
            T x = lib.get(id);
            if (x == null) throw error(r, "field '" + field + "' refers to event " + id + ", which " + section + " does not define");
            return x;
        }

        /** Verifies an md5 [SIGNATURE]: the hash of every byte before the newline that precedes [SIGNATURE]. */
        String[] checkSignature() throws PulseqFormatException {
            String type = null, hash = null;
            Row hashRow = null;
            for (Row r : rows("[SIGNATURE]")) {
                if (r.tok[0].equals("Type") && r.tok.length == 2) type = r.tok[1];
                else if (r.tok[0].equals("Hash") && r.tok.length == 2) {
                    hash = r.tok[1];
                    hashRow = r;
                }
            }
            if (hash == null) return new String[] {type, null};
            if (type != null && !type.equalsIgnoreCase("md5")) return new String[] {type, hash}; // another hash type: kept, not checked
            int end = indexOf(content, "\n[SIGNATURE]".getBytes(StandardCharsets.US_ASCII));
            if (end < 0) end = indexOf(content, "[SIGNATURE]".getBytes(StandardCharsets.US_ASCII));
            String actual = md5(content, end);
            if (!actual.equalsIgnoreCase(hash)) {
                throw error(hashRow, "signature mismatch: the file says md5 " + hash + ", its content hashes to " + actual + " (edited after writing?)");
            }
            return new String[] {type, hash};
        }
    }

    static String md5(byte[] content, int length) {
        try {
            MessageDigest md = MessageDigest.getInstance("MD5");
            md.update(content, 0, length);
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) if (hay[i + j] != needle[j]) continue outer;
            return i;
        }
        return -1;
    }
}
