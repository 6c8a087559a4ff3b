package org.lodestone.calibration.run;

import org.lodestone.hw.gpio.ArmRefused;
import org.lodestone.hw.gpio.Armed;
import org.lodestone.hw.gpio.Arming;
import org.lodestone.hw.program.DeviceProgram;
import org.lodestone.hw.session.DeviceException;
import org.lodestone.hw.session.RunEvent;
import org.lodestone.hw.session.RunResult;
import org.lodestone.hw.session.ScanRun;
import org.lodestone.hw.session.ScannerSession;
import org.lodestone.hw.wire.Message;
import org.lodestone.seq.compile.CompileException;
import org.lodestone.seq.compile.GradientScale;
import org.lodestone.seq.compile.SequenceCompiler;
import org.lodestone.seq.limits.UnitProfile;
import org.lodestone.seq.protocol.BuiltProtocol;
import org.lodestone.seq.protocol.ParameterException;
import org.lodestone.seq.protocol.Protocol;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs one program on the unit and collects its lines: build, compile, arm, {@link ScannerSession#run},
 * wait for the end. Every calibration routine goes through here, so each runs the real path, arms
 * through the interlocks, and the suite can add up the scan time it used.
 */
public final class ProgramRunner {
    /** The lines of one run, in scan-counter order, and the program's duration. */
    public record Acquisition(BuiltProtocol protocol, List<Message.AcqData> lines, double programSeconds) {
        public Acquisition {
            lines = List.copyOf(lines);
        }

        public double dwellSeconds() {
            return lines.getFirst().dwellNs() * 1e-9;
        }

        /** Interleaved re,im samples of one channel of one line. */
        public float[] channel(int line, int channel) {
            Message.AcqData l = lines.get(line);
            int n = 2 * l.samples();
            float[] out = new float[n];
            System.arraycopy(l.data(), channel * n, out, 0, n);
            return out;
        }

        public int channels() {
            return lines.getFirst().channels();
        }
    }

    private final ScannerSession session;
    private final UnitProfile unit;
    private final Arming arming;
    private final GradientScale gradientScale;
    private double scanSeconds;
    private int programs;

    /** @param arming how each program is armed (the interlocks): e.g. {@code Arming.within(armed)} for a whole calibration run */
    public ProgramRunner(ScannerSession session, UnitProfile unit, Arming arming) {
        this(session, unit, arming, GradientScale.NOMINAL);
    }

    /** @param gradientScale the stored gradient calibration, applied by the compile step to every program but the gradient calibration's own */
    public ProgramRunner(ScannerSession session, UnitProfile unit, Arming arming, GradientScale gradientScale) {
        this.session = session;
        this.unit = unit;
        this.arming = arming;
        this.gradientScale = gradientScale;
    }

    public ScannerSession session() {
        return session;
    }

    public UnitProfile unit() {
        return unit;
    }

    /** Program time run so far through this runner (the unit's time, whatever the wall clock did). */
    public double scanSeconds() {
        return scanSeconds;
    }

    public int programs() {
        return programs;
    }

    public Acquisition run(Protocol protocol, Map<String, Double> params) throws CalibrationException {
        BuiltProtocol built;
        try {
            built = protocol.build(params, unit);
        } catch (ParameterException e) {
            throw new CalibrationException(Reason.of(Reason.Code.CANNOT_BUILD, protocol.name()), protocol.name() + " cannot be built on this unit: " + e.getMessage());
        }
        return run(built);
    }

    public Acquisition run(BuiltProtocol built) throws CalibrationException {
        return run(built, gradientScale);
    }

    /** With {@link GradientScale#NOMINAL}: the unit's own gradients, for the routine that measures them. */
    public Acquisition run(BuiltProtocol built, GradientScale scale) throws CalibrationException {
        DeviceProgram program;
        try {
            program = SequenceCompiler.compile(built.sequence(), unit, scale);
        } catch (CompileException e) {
            throw new CalibrationException(Reason.of(Reason.Code.CANNOT_BUILD, built.protocol()), built.protocol() + " cannot run on this unit: " + e.getMessage());
        }
        List<Message.AcqData> lines = Collections.synchronizedList(new ArrayList<>());
        AtomicLong lastLine = new AtomicLong(System.nanoTime());
        RunResult result;
        try (Armed armed = arming.arm();
             ScanRun run = session.run(program, e -> {
                 if (e instanceof RunEvent.LineReceived l) {
                     lines.add(l.line());
                     lastLine.set(System.nanoTime());
                 }
             })) {
            // generous: the program's own time at real-time pace, plus the link's worst resume window; every line
            // that arrives restarts it (a simulated unit may run slower than real time, but it keeps making progress)
            long window = (long) ((program.durationSeconds() * 1.5 + 20) * 1e9);
            Optional<RunResult> end = Optional.empty();
            while (end.isEmpty()) {
                if (System.nanoTime() - lastLine.get() > window) {
                    throw new CalibrationException(Reason.of(Reason.Code.UNIT_TIMEOUT, built.protocol()), built.protocol() + " did not finish in time (no DONE from the unit)");
                }
                end = run.await(Duration.ofMillis(200));
            }
            result = end.get();
        } catch (ArmRefused e) {
            throw new CalibrationException(Reason.of(Reason.Code.UNIT_REFUSED, built.protocol()), built.protocol() + " refused: " + e.getMessage());
        } catch (DeviceException e) {
            throw new CalibrationException(Reason.of(Reason.Code.UNIT_ERROR, built.protocol()), built.protocol() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CalibrationException(Reason.of(Reason.Code.INTERRUPTED, built.protocol()), built.protocol() + " interrupted");
        }
        switch (result.reason()) {
            case COMPLETED -> { }
            case INTERLOCK -> throw new CalibrationException(Reason.of(Reason.Code.INTERLOCK, built.protocol(), result.lines(), built.expectedLines()),
                    built.protocol() + " stopped by the interlock (" + result.detail()
                    + ") after " + result.lines() + " of " + built.expectedLines() + " lines");
            case LINK_LOST -> throw new CalibrationException(Reason.of(Reason.Code.LINK_LOST, built.protocol()), "lost the unit during " + built.protocol() + ": " + result.detail());
            default -> throw new CalibrationException(Reason.of(Reason.Code.UNIT_ENDED, built.protocol(), result.lines(), built.expectedLines()),
                    built.protocol() + " was ended by the unit ("
                    + result.reason().name().toLowerCase(java.util.Locale.ROOT) + ": " + result.detail() + ") after "
                    + result.lines() + " of " + built.expectedLines() + " lines");
        }
        if (lines.size() != built.expectedLines()) {
            throw new CalibrationException(Reason.of(Reason.Code.LINES_MISSING, built.protocol(), lines.size(), built.expectedLines()),
                    built.protocol() + " returned " + lines.size() + " of " + built.expectedLines() + " lines");
        }
        List<Message.AcqData> sorted = new ArrayList<>(lines);
        sorted.sort(Comparator.comparingLong(Message.AcqData::scanCounter));
        scanSeconds += program.durationSeconds();
        programs++;
        return new Acquisition(built, sorted, program.durationSeconds());
    }

    /** Sends a setting and turns a refusal into a calibration failure naming it. */
    public void command(Message m) throws CalibrationException {
        try {
            session.command(m);
        } catch (DeviceException e) {
            throw new CalibrationException("the unit refused " + m.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }
}
