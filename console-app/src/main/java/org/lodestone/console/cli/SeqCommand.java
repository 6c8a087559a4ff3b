package org.lodestone.console.cli;

import org.lodestone.seq.compile.CompileException;
import org.lodestone.seq.compile.SequenceCompiler;
import org.lodestone.seq.limits.UnitProfile;
import org.lodestone.seq.model.Sequence;
import org.lodestone.seq.protocol.Protocol;
import org.lodestone.seq.protocol.ProtocolLibrary;
import org.lodestone.seq.pulseq.PulseqReader;
import org.lodestone.seq.pulseq.PulseqWriter;
import org.lodestone.seq.report.SequenceReport;
import org.lodestone.console.service.seqview.SequenceLanes;
import org.lodestone.console.service.seqview.SequenceLanesPng;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code lodestone seq}: check, plot and convert Pulseq files and native protocols. */
@Command(name = "seq", mixinStandardHelpOptions = true, description = "Pulseq sequences: check against limits, plot, convert.",
        subcommands = {SeqCommand.Check.class, SeqCommand.Plot.class, SeqCommand.Convert.class})
public final class SeqCommand implements Runnable {
    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    /** What every seq subcommand reads: FILE and the --param values of a native protocol. */
    static final class Source {
        @Parameters(paramLabel = "FILE", description = "a .seq file, or protocol:NAME")
        String file;

        @Option(names = "--param", paramLabel = "NAME=VALUE", description = "a protocol parameter (protocol:NAME only), e.g. --param etl=16")
        Map<String, Double> params = new java.util.LinkedHashMap<>();

        Sequence load() throws Exception {
            return SeqCommand.load(file, params);
        }
    }

    /**
     * A .seq file, or "protocol:NAME" for a native protocol built for the planning unit with its defaults
     * overridden by {@code params} (which a file does not take).
     */
    static Sequence load(String source, Map<String, Double> params) throws Exception {
        if (source.startsWith("protocol:")) {
            String name = source.substring("protocol:".length());
            Protocol p = ProtocolLibrary.find(name).orElseThrow(() -> new IllegalArgumentException("no protocol '" + name + "' (available: "
                    + String.join(", ", ProtocolLibrary.all().stream().map(Protocol::name).toList()) + ")"));
            return p.build(params, UnitProfile.PLANNING).sequence();
        }
        if (!params.isEmpty()) throw new IllegalArgumentException("--param applies to protocol:NAME only; a file's timing is in the file");
        Path file = Path.of(source);
        if (!Files.isRegularFile(file)) throw new IllegalArgumentException("no such file: " + file);
        return PulseqReader.read(file).sequence();
    }

    static UnitProfile profile(String name) {
        return switch (name) {
            case "unit" -> UnitProfile.PLANNING;
            case "research" -> UnitProfile.RESEARCH;
            default -> throw new IllegalArgumentException("unknown profile '" + name + "' (unit, research)");
        };
    }

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = "Summarise a sequence and check it against a unit's limits; exit status 1 on any violation.")
    static final class Check implements Callable<Integer> {
        @Mixin
        Source source;

        @Option(names = "--profile", defaultValue = "unit", description = "unit (the 0.35 T planning unit) or research (40 mT/m, 150 T/m/s, 25 µT); default ${DEFAULT-VALUE}")
        String profile;

        @Override
        public Integer call() throws Exception {
            Sequence seq = source.load();
            UnitProfile unit = profile(profile);
            SequenceReport r = SequenceReport.of(seq, unit);
            System.out.print(r.format());
            if (r.withinLimits()) System.out.println(programSize(seq, unit));
            return r.withinLimits() ? 0 : 1;
        }
    }

    /** The device program's size against the unit's program memory: in one piece, or streamed in segments of half of it. */
    static String programSize(Sequence seq, UnitProfile unit) {
        try {
            var program = SequenceCompiler.compile(seq, unit);
            long bytes = SequenceCompiler.imageBytes(program);
            long memory = unit.programMemoryBytes();
            if (bytes <= memory) return String.format("Device program: %d bytes, fits the unit's %d-byte program memory", bytes, memory);
            int segments = SequenceCompiler.cut(program, memory / 2).size();
            return String.format("Device program: %d bytes, more than the unit's %d-byte program memory: streamed in %d segments",
                    bytes, memory, segments);
        } catch (CompileException e) {
            return "Device program: not compiled (" + e.getMessage() + ")";
        }
    }

    /** The subcommands that read a sequence and write one file, --out. */
    abstract static class SequenceToFile implements Callable<Integer> {
        @Mixin
        Source source;

        @Option(names = "--out", required = true, paramLabel = "FILE", description = "The file to write.")
        Path out;

        abstract void write(Sequence s) throws Exception;

        @Override
        public Integer call() throws Exception {
            Sequence s = source.load();
            // the folder is made as backup and scan make theirs (ImageIO would print a stack trace for a missing one)
            Path folder = out.toAbsolutePath().getParent();
            if (folder != null) {
                Files.createDirectories(folder);
                if (!Files.isWritable(folder)) throw new java.nio.file.AccessDeniedException(folder.toString());
            }
            write(s);
            System.out.println("Wrote " + out);
            return 0;
        }
    }

    @Command(name = "plot", mixinStandardHelpOptions = true, description = "Draw RF, Gx, Gy, Gz, ADC and the k-space trajectory to a PNG (--out).")
    static final class Plot extends SequenceToFile {
        @Option(names = "--from", defaultValue = "0", paramLabel = "SECONDS")
        double from;

        @Option(names = "--to", paramLabel = "SECONDS", description = "default: the end of the sequence")
        Double to;

        @Override
        void write(Sequence s) throws Exception {
            // the same lane model the window's sequence viewer draws
            SequenceLanesPng.write(SequenceLanes.of(s, from, to == null ? s.duration() : to), out);
        }
    }

    @Command(name = "convert", mixinStandardHelpOptions = true,
            description = "Write a .seq file (--out; Pulseq 1.5.0, signed) from a .seq file of format 1.2–1.5 or a native protocol.")
    static final class Convert extends SequenceToFile {
        @Override
        void write(Sequence s) throws Exception {
            PulseqWriter.write(s, out);
        }
    }
}
