package org.lodestone.scan;

import org.lodestone.calibration.drift.ScanDriftTracking;
import org.lodestone.calibration.store.CalibrationStore;
import org.lodestone.hw.gpio.ArmRefused;
import org.lodestone.hw.gpio.Armed;
import org.lodestone.hw.gpio.InterlockEvent;
import org.lodestone.hw.program.DeviceProgram;
import org.lodestone.hw.session.DeviceException;
import org.lodestone.hw.session.ScanRun;
import org.lodestone.recon.mrd.EncodingSpec;
import org.lodestone.scan.unit.UnitConnection;
import org.lodestone.seq.limits.LimitCheck;
import org.lodestone.seq.limits.UnitProfile;
import org.lodestone.seq.protocol.BuiltProtocol;
import org.lodestone.seq.protocol.ParameterException;
import org.lodestone.seq.protocol.Protocol;
import org.lodestone.seq.protocol.ProtocolLibrary;
import org.lodestone.seq.protocol.ScanGeometry;
import org.lodestone.seq.protocol.SequenceFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Runs one scan end to end on a connected unit: plan and compile the protocol, arm through the
 * interlocks, {@link Prescan}, {@link AcquisitionLoop} (every line journalled by {@link RawJournal}
 * as it arrives and fed to the {@link ReconPipeline}), then the final image and the
 * {@link ScanRecord}. Lines received are never lost, whatever ends the scan. Headless: the window,
 * the CLI (and later the workflow) subscribe to its {@link ScanEvent}s.
 */
public final class ScanService {
    private static final Logger log = LoggerFactory.getLogger(ScanService.class);
    private static final Logger audit = LoggerFactory.getLogger("audit");

    /** A protocol name that stands for a Pulseq file rather than a native protocol. */
    public static final String FILE_PREFIX = "file:";

    private final UnitConnection unit;
    private final Prescan prescan;
    private final boolean trackDrift;
    private final RawLineListener rawLines;
    private final Optional<CalibrationStore> calibration;
    /** The scan in progress (for abort from another thread); null between scans. */
    private final AtomicReference<ScanRun> activeRun = new AtomicReference<>();
    private volatile boolean abortRequested;

    /** A service without a calibration store: each scan measures its frequency, gradients nominal. */
    public ScanService(UnitConnection unit) {
        this(unit, Optional.empty(), true, RawLineListener.NONE);
    }

    /** @param calibration the calibration profile the prescan applies and predicts from */
    public ScanService(UnitConnection unit, CalibrationStore calibration) {
        this(unit, Optional.of(calibration), true, RawLineListener.NONE);
    }

    private ScanService(UnitConnection unit, Optional<CalibrationStore> calibration, boolean trackDrift, RawLineListener rawLines) {
        this.unit = unit;
        this.prescan = new Prescan(calibration);
        this.calibration = calibration;
        this.trackDrift = trackDrift;
        this.rawLines = rawLines;
    }

    /** The same service with frequency drift tracking on or off (on by default; off only to show what it prevents). */
    public ScanService withDriftTracking(boolean on) {
        return new ScanService(unit, calibration, on, rawLines);
    }

    /** The same service handing each journalled line to {@code listener} as it arrives (remote reconstruction). */
    public ScanService withRawLines(RawLineListener listener) {
        return new ScanService(unit, calibration, trackDrift, listener);
    }

    /**
     * Builds the protocol for the connected unit; the operator's parameter errors surface here.
     * {@code file:PATH} loads a Pulseq file instead of a native protocol.
     */
    public BuiltProtocol plan(String protocol, Map<String, Double> params) throws ScanException {
        return plan(protocol, params, unit.profile());
    }

    /** The unit's profile with the SAR model of a patient of this weight (null: the conservative default). */
    public UnitProfile profileFor(Double patientWeightKg) {
        return patientWeightKg == null ? unit.profile() : unit.profile().withSafety(unit.profile().safety().forWeight(patientWeightKg));
    }

    private BuiltProtocol plan(String protocol, Map<String, Double> params, UnitProfile profile) throws ScanException {
        if (protocol.startsWith(FILE_PREFIX)) {
            Path file = Path.of(protocol.substring(FILE_PREFIX.length()));
            if (!params.isEmpty()) throw new ScanException("a Pulseq file takes no --param: its timing is in the file");
            try {
                return SequenceFile.load(file);
            } catch (IOException e) {
                throw new ScanException("cannot read " + file + ": " + e.getMessage());
            } catch (ParameterException e) {
                throw new ScanException(e.getMessage());
            }
        }
        Protocol p = protocol(protocol);
        BuiltProtocol built;
        try {
            built = p.build(params, profile);
        } catch (ParameterException e) {
            throw new ScanException(e.getMessage());
        }
        // Refuse here, with the limit named, what the compiler would refuse at Start.
        var violations = LimitCheck.check(built.sequence(), profile);
        if (!violations.isEmpty()) {
            var v = violations.getFirst();
            throw new ScanException(String.format("%s %.3g %s exceeds the unit's limit %.3g %s (lengthen TR or change the parameters)",
                    capitalise(v.limit()), v.value(), v.unit(), v.allowed(), v.unit()));
        }
        return built;
    }

    /** scan.json's record of the SAR check: the weight it used (or that the default applied) and the estimate. */
    static Map<String, Object> patientSafety(ScanRequest req, BuiltProtocol built, UnitProfile profile) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("weight_kg", req.patientWeightKg());
        m.put("body_radius_m", profile.safety().bodyRadius());
        m.put("sar_w_per_kg", LimitCheck.wholeBodySar(built.sequence(), profile)[0]);
        m.put("sar_limit_w_per_kg", profile.safety().sarLimit());
        m.put("note", req.patientWeightKg() == null
                ? "no patient weight: the conservative default body model applies"
                : "SAR model of a " + req.patientWeightKg() + " kg patient");
        return m;
    }

    private static Protocol protocol(String name) throws ScanException {
        return ProtocolLibrary.find(name).orElseThrow(() -> new ScanException("unknown protocol '" + name
                + "' (available: " + String.join(", ", ProtocolLibrary.all().stream().map(Protocol::name).toList()) + ")"));
    }

    /** Asks the running scan to stop. Safe from any thread. */
    public void abort(String operator) {
        abortRequested = true;
        audit.info("operator={} action=abort-request", operator);
        ScanRun r = activeRun.get();
        if (r != null) {
            try {
                r.abort("operator " + operator);
            } catch (DeviceException e) {
                log.warn("Abort could not be sent: {}", e.getMessage());
            }
        }
    }

    /**
     * Runs the scan; the listener hears it from {@link ScanEvent.Started} to {@link ScanEvent.Finished}.
     * @throws ScanException when it cannot start: parameters, limits, interlocks, prescan (nothing journalled)
     */
    public ScanResult run(ScanRequest req, ScanListener listener) throws ScanException {
        abortRequested = false;
        UnitProfile profile = profileFor(req.patientWeightKg());
        BuiltProtocol built = plan(req.protocol(), req.parameters(), profile);
        DeviceProgram program = prescan.compile(built.sequence(), profile);
        try {
            Files.createDirectories(req.outDir());
        } catch (IOException e) {
            throw new ScanException("cannot create the output folder " + req.outDir() + ": " + e.getMessage());
        }
        Instant started = Instant.now();
        Acquired a = acquire(req, built, program, listener);
        Path raw = req.outDir().resolve(RawJournal.FILE_NAME);
        ScanEnding ending = ScanEnding.of(a.loop(), abortRequested, built.expectedLines(), raw.toString());
        Instant ended = Instant.now();
        audit.info("operator={} action=end protocol={} status={} lines={}/{} out={}", req.operator(), built.protocol(),
                ending.status(), a.loop().received(), built.expectedLines(), req.outDir());

        ScanStatus status = ending.status();
        String message = ending.message();
        ReconPipeline.Output image = ReconPipeline.Output.NONE;
        try (ReconPipeline recon = a.recon()) {
            if (a.loop().received() > 0) {
                listener.on(new ScanEvent.Stage("Reconstructing"));
                image = recon.finish();
            }
        } catch (IOException | RuntimeException e) {
            log.error("Reconstruction failed", e);
            // The raw data is whole on disk: the scan can be reconstructed again (lodestone recon).
            if (status == ScanStatus.COMPLETE) {
                status = ScanStatus.FAILED;
                message = "Reconstruction failed (" + reason(e) + "); the raw data is kept in " + raw;
            } else {
                message += "; the reconstruction failed (" + reason(e) + ")";
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            message += "; reconstruction interrupted";
        }
        if (image.image() != null) listener.on(new ScanEvent.Preview(image.image(), true));

        ScanRecord record = new ScanRecord(ScanRecord.Realised.of(built), status, message,
                req.operator(), started, ended, built.expectedLines(), a.loop().received(), a.prescan().frequencyHz(),
                a.prescan().record(), a.drift() != null ? a.drift().summary() : Map.of("enabled", false), a.loop().trip(),
                image.snr(), image.emiRemoval(), new ScanRecord.Unit(unit.capabilities().model(), unit.capabilities().firmware(),
                unit.capabilities().fieldTesla(), unit.port(), unit.isVirtual()), patientSafety(req, built, profile));
        try {
            record.write(req.outDir());
        } catch (IOException e) {
            message += "; scan.json could not be written: " + e.getMessage();
        }
        ScanResult result = new ScanResult(status, built.expectedLines(), a.loop().received(), req.outDir(), image.image(),
                image.snr(), a.prescan().frequencyHz(), message);
        listener.on(new ScanEvent.Finished(result));
        return result;
    }

    /** What the armed part of a scan leaves: the prescan, the acquisition, and the recon fed by it. */
    /** How long a line's off-resonance phase gathers before its echo: TE for the gradient echoes, 0 for spin echoes. */
    static double gradientEchoDelayS(BuiltProtocol built) {
        Double te = built.parameters().get("te");
        boolean gradientEcho = built.protocol().startsWith("gre") || built.protocol().equals("bssfp");
        return gradientEcho && te != null ? te * 1e-3 : 0;
    }

    private record Acquired(Prescan.Outcome prescan, AcquisitionLoop.Outcome loop, ReconPipeline recon, ScanDriftTracking drift) {
    }

    /** Arms, runs the prescan and the acquisition; the enables drop as soon as the unit is done. */
    private Acquired acquire(ScanRequest req, BuiltProtocol built, DeviceProgram program, ScanListener listener) throws ScanException {
        AtomicReference<InterlockEvent> prescanTrip = new AtomicReference<>();
        Consumer<InterlockEvent> onTrip = e -> prescanTrip.compareAndSet(null, e);
        unit.addInterlockListener(onTrip);
        // Interlocks first: the amplifier enables go up only when every input is safe, and stay up only while it is.
        try (Armed armed = arm(req, built)) {
            listener.on(new ScanEvent.Started(built.protocol(), built.expectedLines(), req.outDir()));
            audit.info("operator={} action=start protocol={} out={} unit={} port={} interlocks={}", req.operator(),
                    built.protocol(), req.outDir(), unit.capabilities().model(), unit.port(), armed.note());
            listener.on(new ScanEvent.Stage("Adjusting frequency"));
            Prescan.Outcome pre;
            try {
                pre = prescan.run(unit.session(), unit.profile(), unit.capabilities().nominalLarmorHz(), req.operator(), trackDrift);
            } catch (DeviceException e) {
                InterlockEvent t = prescanTrip.get();
                String why = t != null ? "stopped by the interlock: " + t.detail() : e.getMessage();
                audit.info("operator={} action=failed protocol={} reason={}", req.operator(), built.protocol(), why);
                throw new ScanException(why);
            }
            if (prescanTrip.get() != null) throw new ScanException("stopped by the interlock: " + prescanTrip.get().detail());
            ScanGeometry g = built.geometry();
            EncodingSpec spec = encoding(g, program, pre.frequencyHz(), built.protocol());
            ScanDriftTracking drift = pre.driftReference() == null ? null
                    : new ScanDriftTracking(pre.driftReference(), pre.frequencyHz(), linesPerSensorRead(built));
            BlockingQueue<Object> inbox = AcquisitionLoop.newInbox();
            try (RawJournal journal = RawJournal.create(req.outDir(), spec, g, pre.frequencyHz(), rawLines)) {
                ReconPipeline recon = new ReconPipeline(spec, journal.header(), g.phaseEncodes(), req.outDir(), inbox::add,
                        ReconPipeline.Undersampling.of(built, program, g.phaseEncodes()),
                        new ReconPipeline.CarrierTrack(drift != null, gradientEchoDelayS(built)));
                if (abortRequested) {
                    recon.close();
                    throw new ScanException("aborted before start");
                }
                listener.on(new ScanEvent.Stage("Scanning"));
                AcquisitionLoop.Outcome loop = new AcquisitionLoop(unit.session(), journal, recon, drift, listener, inbox)
                        .run(program, this::running);
                return new Acquired(pre, loop, recon, drift);
            } catch (IOException e) {
                throw new ScanException("cannot write raw data to " + req.outDir() + ": " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ScanException("interrupted");
            } finally {
                activeRun.set(null);
            }
        } finally {
            unit.removeInterlockListener(onTrip);
        }
    }

    /** The raw data's encoding: a 3D slab encodes partitions (kspace_encode_step_2); its geometry's "slices" are those. */
    private EncodingSpec encoding(ScanGeometry g, DeviceProgram program, double frequencyHz, String protocol) {
        var caps = unit.capabilities();
        int partitions = partitions(program);
        if (partitions > 1) {
            return new EncodingSpec(g.readoutSamples(), g.phaseEncodes(), partitions, g.fovReadMm(), g.fovPhaseMm(),
                    g.sliceThicknessMm() * partitions, g.phaseEncodes() - 1, partitions - 1, 0, g.averages() - 1, 0,
                    caps.receiveChannels(), frequencyHz, caps.fieldTesla(), protocol, caps.model());
        }
        return new EncodingSpec(g.readoutSamples(), g.phaseEncodes(), 1, g.fovReadMm(), g.fovPhaseMm(),
                g.sliceThicknessMm(), g.phaseEncodes() - 1, 0, g.slices() - 1, g.averages() - 1, 0,
                caps.receiveChannels(), frequencyHz, caps.fieldTesla(), protocol, caps.model());
    }

    /** Partitions the program encodes (largest kspace_encode_step_2 + 1): more than one is a 3D slab. */
    static int partitions(DeviceProgram program) {
        int max = 0;
        for (var b : program.blocks()) {
            if (b.adc() != null) max = Math.max(max, b.adc().counters().partition());
        }
        return max + 1;
    }

    private static String reason(Throwable e) {
        return e.getMessage() != null ? e.getMessage() : "an internal error, see the log";
    }

    /** The run exists: an abort asked for while it was being uploaded reaches it now. */
    private void running(ScanRun run) {
        activeRun.set(run);
        if (abortRequested) {
            try {
                run.abort("operator (asked during upload)");
            } catch (DeviceException e) {
                log.warn("Abort could not be sent: {}", e.getMessage());
            }
        }
    }

    private Armed arm(ScanRequest req, BuiltProtocol built) throws ScanException {
        try {
            return unit.arm();
        } catch (ArmRefused e) {
            audit.info("operator={} action=refused protocol={} reason={}", req.operator(), built.protocol(), e.getMessage());
            throw new ScanException(e.getMessage());
        }
    }

    /** The sensor is read about every READ_INTERVAL_S of scan time, counted in lines (one per line at long TRs). */
    private static int linesPerSensorRead(BuiltProtocol built) {
        return (int) Math.max(1, Math.floor(ScanDriftTracking.READ_INTERVAL_S
                / (built.sequence().duration() / Math.max(1, built.expectedLines()))));
    }

    private static String capitalise(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
