package org.lodestone.calibration.run;

import org.lodestone.hw.program.DeviceProgram;
import org.lodestone.hw.session.AcquisitionListener;
import org.lodestone.hw.session.DeviceException;
import org.lodestone.hw.session.ScannerSession;
import org.lodestone.hw.wire.Message;
import org.lodestone.seq.compile.CompileException;
import org.lodestone.seq.compile.SequenceCompiler;
import org.lodestone.seq.limits.UnitProfile;
import org.lodestone.seq.protocol.BuiltProtocol;
import org.lodestone.seq.protocol.ParameterException;
import org.lodestone.seq.protocol.Protocol;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Runs one program on the unit and collects its lines: build, compile, upload, start, wait for
 * DONE. Every calibration routine goes through here, so each runs the real path and the suite can
 * add up the scan time it used.
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
    private double scanSeconds;
    private int programs;

    public ProgramRunner(ScannerSession session, UnitProfile unit) {
        this.session = session;
        this.unit = unit;
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
            throw new CalibrationException(protocol.name() + " cannot be built on this unit: " + e.getMessage());
        }
        return run(built);
    }

    public Acquisition run(BuiltProtocol built) throws CalibrationException {
        DeviceProgram program;
        try {
            program = SequenceCompiler.compile(built.sequence(), unit);
        } catch (CompileException e) {
            throw new CalibrationException(built.protocol() + " cannot run on this unit: " + e.getMessage());
        }
        BlockingQueue<Object> inbox = new LinkedBlockingQueue<>();
        List<Message.AcqData> lines = new ArrayList<>();
        try {
            int id = session.upload(program);
            session.start(id, new AcquisitionListener() {
                @Override
                public void onLine(Message.AcqData line) {
                    inbox.add(line);
                }

                @Override
                public void onDone(Message.Done done) {
                    inbox.add(done);
                }

                @Override
                public void onLinkLost(String reason) {
                    inbox.add(new DeviceException(reason));
                }
            });
            // generous: the program's own time at real-time pace, plus the link's worst resume window; every line
            // that arrives restarts it (a simulated unit may run slower than real time, but it keeps making progress)
            long window = (long) ((program.durationSeconds() * 1.5 + 20) * 1e9);
            long deadline = System.nanoTime() + window;
            while (true) {
                long left = deadline - System.nanoTime();
                if (left <= 0) throw new CalibrationException(built.protocol() + " did not finish in time (no DONE from the unit)");
                Object o = inbox.poll(left, TimeUnit.NANOSECONDS);
                if (o == null) continue;
                if (o instanceof Message.AcqData l) {
                    lines.add(l);
                    deadline = System.nanoTime() + window;
                } else if (o instanceof Message.Done d) {
                    if (d.status() != Message.Done.COMPLETE) {
                        throw new CalibrationException(built.protocol() + " was ended by the unit (" + doneName(d.status())
                                + ") after " + lines.size() + " of " + built.expectedLines() + " lines");
                    }
                    break;
                } else if (o instanceof DeviceException e) {
                    throw new CalibrationException("lost the unit during " + built.protocol() + ": " + e.getMessage());
                }
            }
        } catch (DeviceException e) {
            throw new CalibrationException(built.protocol() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CalibrationException(built.protocol() + " interrupted");
        }
        if (lines.size() != built.expectedLines()) {
            throw new CalibrationException(built.protocol() + " returned " + lines.size() + " of " + built.expectedLines() + " lines");
        }
        lines.sort(Comparator.comparingLong(Message.AcqData::scanCounter));
        scanSeconds += program.durationSeconds();
        programs++;
        return new Acquisition(built, lines, program.durationSeconds());
    }

    /** Sends a setting and turns a refusal into a calibration failure naming it. */
    public void command(Message m) throws CalibrationException {
        try {
            session.command(m);
        } catch (DeviceException e) {
            throw new CalibrationException("the unit refused " + m.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private static String doneName(int status) {
        return switch (status) {
            case Message.Done.ABORTED -> "aborted";
            case Message.Done.FAULT -> "fault";
            default -> "status " + status;
        };
    }
}
