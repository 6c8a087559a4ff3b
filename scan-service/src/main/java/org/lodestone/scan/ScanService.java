package org.lodestone.scan;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.lodestone.calibration.drift.PrescanCalibration;
import org.lodestone.calibration.drift.PrescanPolicy;
import org.lodestone.calibration.frequency.FrequencyAdjustment;
import org.lodestone.calibration.store.CalibrationStore;
import org.lodestone.scan.unit.UnitConnection;
import org.lodestone.hw.gpio.InterlockEvent;
import org.lodestone.hw.program.DeviceProgram;
import org.lodestone.hw.session.AcquisitionListener;
import org.lodestone.hw.session.DeviceException;
import org.lodestone.hw.session.ScannerSession;
import org.lodestone.hw.wire.EventCode;
import org.lodestone.hw.wire.Message;
import org.lodestone.recon.cartesian.CartesianRecon3D;
import org.lodestone.recon.cartesian.KSpaceBuffer;
import org.lodestone.recon.cartesian.RssReconstructor;
import org.lodestone.recon.cartesian.NoiseEstimate;
import org.lodestone.recon.cartesian.OfflineRecon;
import org.lodestone.recon.cartesian.StreamingVolume;
import org.lodestone.recon.image.ImageVolume;
import org.lodestone.recon.image.NiftiWriter;
import org.lodestone.recon.image.PngPreview;
import org.lodestone.recon.mrd.EncodingSpec;
import org.lodestone.recon.mrd.IsmrmrdHeaderXml;
import org.lodestone.recon.mrd.MrdStreamReader;
import org.lodestone.recon.mrd.MrdStreamWriter;
import org.lodestone.seq.compile.CompileException;
import org.lodestone.seq.compile.SequenceCompiler;
import org.lodestone.seq.limits.UnitProfile;
import org.lodestone.seq.protocol.BuiltProtocol;
import org.lodestone.seq.protocol.ParameterException;
import org.lodestone.seq.protocol.Protocol;
import org.lodestone.seq.protocol.ProtocolLibrary;
import org.lodestone.seq.protocol.ScanGeometry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Runs one scan end to end on a connected unit: build and compile the protocol, adjust the
 * frequency, upload, start, journal every line to raw.mrd as it arrives, reconstruct, and write
 * images.nii, preview.png and scan.json. Lines received are never lost, whatever ends the scan.
 * No JavaFX here: the UI and the CLI both drive this.
 */
public final class ScanService {
    private static final Logger log = LoggerFactory.getLogger(ScanService.class);
    private static final Logger audit = LoggerFactory.getLogger("audit");

    private final UnitConnection unit;
    private volatile ScannerSession activeSession;
    private volatile boolean abortRequested;
    private volatile double frequencyHz = Double.NaN;
    private final CalibrationStore calibrationStore;
    private volatile boolean trackDrift = true;

    public ScanService(UnitConnection unit) {
        this.unit = unit;
        // The calibration profile lives in the data directory; without one configured (unit tests) each scan just adjusts.
        String data = System.getProperty("lodestone.data");
        this.calibrationStore = data != null ? CalibrationStore.inDataDirectory(java.nio.file.Path.of(data)) : null;
    }

    /** Frequency drift tracking during scans (on by default; off only to show what it prevents). */
    public ScanService withDriftTracking(boolean on) {
        trackDrift = on;
        return this;
    }

    /** A protocol name that stands for a Pulseq file rather than a native protocol. */
    public static final String FILE_PREFIX = "file:";

    /**
     * Builds the protocol for the connected unit; the operator's parameter errors surface here.
     * {@code file:PATH} loads a Pulseq file instead of a native protocol.
     */
    public BuiltProtocol plan(String protocol, Map<String, Double> params) throws ScanException {
        if (protocol.startsWith(FILE_PREFIX)) {
            java.nio.file.Path file = java.nio.file.Path.of(protocol.substring(FILE_PREFIX.length()));
            if (!params.isEmpty()) throw new ScanException("a Pulseq file takes no --param: its timing is in the file");
            try {
                return org.lodestone.seq.protocol.SequenceFile.load(file);
            } catch (IOException e) {
                throw new ScanException("cannot read " + file + ": " + e.getMessage());
            } catch (ParameterException e) {
                throw new ScanException(e.getMessage());
            }
        }
        Protocol p = ProtocolLibrary.find(protocol).orElseThrow(() -> new ScanException("unknown protocol '" + protocol
                + "' (available: " + String.join(", ", ProtocolLibrary.all().stream().map(Protocol::name).toList()) + ")"));
        BuiltProtocol built;
        try {
            built = p.build(params, unit.profile());
        } catch (ParameterException e) {
            throw new ScanException(e.getMessage());
        }
        // Refuse here, with the limit named, what the compiler would refuse at Start.
        var violations = org.lodestone.seq.limits.LimitCheck.check(built.sequence(), unit.profile());
        if (!violations.isEmpty()) {
            var v = violations.getFirst();
            throw new ScanException(String.format("%s %.3g %s exceeds the unit's limit %.3g %s (lengthen TR or change the parameters)",
                    capitalise(v.limit()), v.value(), v.unit(), v.allowed(), v.unit()));
        }
        return built;
    }

    /** Asks the running scan to stop. Safe from any thread. */
    public void abort(String operator) {
        abortRequested = true;
        audit.info("operator={} action=abort-request", operator);
        ScannerSession s = activeSession;
        if (s != null) {
            try {
                s.abort("operator " + operator);
            } catch (DeviceException e) {
                log.warn("Abort could not be sent: {}", e.getMessage());
            }
        }
    }

    public ScanResult run(ScanRequest req, ScanProgress progress) throws ScanException {
        abortRequested = false;
        BuiltProtocol built = plan(req.protocol(), req.parameters());
        UnitProfile profile = unit.profile();
        DeviceProgram program;
        try {
            // the calibrated gradient scale (identity until `calibrate gradients` has run)
            program = SequenceCompiler.compile(org.lodestone.calibration.gradient.GradientScaleCorrection.from(calibrationStore)
                    .apply(built.sequence()), profile);
        } catch (CompileException e) {
            throw new ScanException(e.getMessage());
        } catch (IOException e) {
            throw new ScanException("the calibration store is unreadable: " + e.getMessage());
        }
        try {
            Files.createDirectories(req.outDir());
        } catch (IOException e) {
            throw new ScanException("cannot create the output folder " + req.outDir() + ": " + e.getMessage());
        }
        ScannerSession session = unit.session();
        Instant started = Instant.now();
        // Interlocks first: amplifier enables go up only when every input is safe, and stay up only while it is.
        var guard = unit.interlocks();
        if (guard.isPresent()) {
            var refused = guard.get().armForScan();
            if (refused.isPresent()) {
                audit.info("operator={} action=refused protocol={} reason={}", req.operator(), built.protocol(), refused.get());
                throw new ScanException(refused.get());
            }
        }
        BlockingQueue<Object> inbox = new LinkedBlockingQueue<>();
        java.util.concurrent.atomic.AtomicReference<InterlockEvent> tripped = new java.util.concurrent.atomic.AtomicReference<>();
        java.util.function.Consumer<InterlockEvent> onTrip = e -> {
            tripped.compareAndSet(null, e);
            inbox.add(e);
        };
        unit.addInterlockListener(onTrip);
        try {
            return runArmed(req, built, program, profile, session, started, inbox, tripped, progress);
        } finally {
            unit.removeInterlockListener(onTrip);
            guard.ifPresent(g -> {
                try {
                    g.scanEnded();
                } catch (RuntimeException e) {
                    log.error("Could not drop the amplifier enables after the scan: {}", e.getMessage());
                }
            });
        }
    }

    /** Partitions the program encodes (largest kspace_encode_step_2 + 1): more than one is a 3D slab. */
    static int partitions(DeviceProgram program) {
        int max = 0;
        for (var b : program.blocks()) {
            if (b.adc() != null) max = Math.max(max, b.adc().counters().partition());
        }
        return max + 1;
    }

    private ScanResult runArmed(ScanRequest req, BuiltProtocol built, DeviceProgram program, UnitProfile profile,
                                ScannerSession session, Instant started, BlockingQueue<Object> inbox,
                                java.util.concurrent.atomic.AtomicReference<InterlockEvent> tripped,
                                ScanProgress progress) throws ScanException {
        audit.info("operator={} action=start protocol={} out={} unit={} port={}", req.operator(), built.protocol(),
                req.outDir(), unit.capabilities().model(), unit.port());
        Map<String, Object> freq = new LinkedHashMap<>();
        org.lodestone.calibration.drift.DriftTracker driftReference = null;
        try {
            progress.stage("Adjusting frequency");
            double start = Double.isNaN(frequencyHz) ? unit.capabilities().nominalLarmorHz() : frequencyHz;
            if (calibrationStore != null && PrescanCalibration.calibrated(calibrationStore)) {
                // the stored calibration profile: shim, RF, tune; frequency predicted or measured by the policy
                PrescanCalibration.Result c = PrescanCalibration.prepare(session, profile, calibrationStore, PrescanPolicy.DEFAULT,
                        start, req.operator());
                frequencyHz = c.frequencyHz();
                freq.put("adjusted", c.adjusted());
                freq.put("reason", c.reason());
                freq.put("offset_hz", c.offsetHz());
                freq.put("snr", c.snr());
                freq.put("magnet_temperature_c", c.magnetTemperatureC());
                freq.put("calibration_version", c.profileVersion());
                if (trackDrift) driftReference = PrescanCalibration.trackerFrom(calibrationStore, frequencyHz, c.magnetTemperatureC());
                log.info("Frequency {} Hz ({}: {})", String.format("%.1f", frequencyHz), c.adjusted() ? "measured" : "predicted", c.reason());
            } else {
                FrequencyAdjustment.Result f = FrequencyAdjustment.run(session, profile, start);
                frequencyHz = f.newHz();
                session.setFrequency(frequencyHz);
                freq.put("previous_hz", f.previousHz());
                freq.put("offset_hz", f.offsetHz());
                freq.put("snr", f.snr());
                log.info("Frequency adjusted by {} Hz to {} Hz", String.format("%.1f", f.offsetHz()), String.format("%.1f", frequencyHz));
                // the drift tracker starts from this frequency at the magnet temperature of the FID, which ended just now
                if (trackDrift) driftReference = PrescanCalibration.trackerFrom(calibrationStore, frequencyHz,
                        session.readSensors().magnetTemperatureC());
            }
        } catch (DeviceException e) {
            InterlockEvent t = tripped.get();
            String why = t != null ? "stopped by the interlock: " + t.detail() : e.getMessage();
            audit.info("operator={} action=failed protocol={} reason={}", req.operator(), built.protocol(), why);
            throw new ScanException(why);
        }
        if (tripped.get() != null) throw new ScanException("stopped by the interlock: " + tripped.get().detail());
        ScanGeometry g = built.geometry();
        int channels = unit.capabilities().receiveChannels();
        // A 3D slab encodes partitions (kspace_encode_step_2); its geometry's "slices" are those partitions.
        int partitions = partitions(program);
        boolean slab = partitions > 1;
        EncodingSpec spec = slab
                ? new EncodingSpec(g.readoutSamples(), g.phaseEncodes(), partitions, g.fovReadMm(), g.fovPhaseMm(),
                        g.sliceThicknessMm() * partitions, g.phaseEncodes() - 1, partitions - 1, 0, g.averages() - 1, 0, channels,
                        frequencyHz, unit.capabilities().fieldTesla(), built.protocol(), unit.capabilities().model())
                : new EncodingSpec(g.readoutSamples(), g.phaseEncodes(), 1, g.fovReadMm(), g.fovPhaseMm(),
                        g.sliceThicknessMm(), g.phaseEncodes() - 1, 0, g.slices() - 1, g.averages() - 1, 0, channels,
                        frequencyHz, unit.capabilities().fieldTesla(), built.protocol(), unit.capabilities().model());
        KSpaceBuffer kspace = slab ? null : KSpaceBuffer.forSpec(spec);
        CartesianRecon3D slabRecon = slab ? new CartesianRecon3D(spec) : null;
        // Each 2D slice is reconstructed and written to images.nii as soon as its lines are in; the UI gets it
        // through the inbox, on this thread. A slab is reconstructed when its last line is in.
        StreamingVolume live = !slab && g.phaseEncodes() > 1
                ? new StreamingVolume(kspace, spec, req.outDir().resolve("images.nii"), v -> inbox.add(new LiveImage(v)))
                : null;
        String consoleFault = null;
        RawDataConverter converter = new RawDataConverter(g, frequencyHz);
        // the sensor is read about every READ_INTERVAL_S of scan time, counted in lines (one per line at long TRs)
        int linesPerRead = (int) Math.max(1, Math.floor(org.lodestone.calibration.drift.ScanDriftTracking.READ_INTERVAL_S
                / (built.sequence().duration() / Math.max(1, built.expectedLines()))));
        var drift = driftReference == null ? null
                : new org.lodestone.calibration.drift.ScanDriftTracking(driftReference, frequencyHz, linesPerRead);
        BitSet seen = new BitSet();
        long received = 0;
        ScanStatus status;
        String message;
        Path raw = req.outDir().resolve("raw.mrd");
        // A program longer than the board's memory is streamed in segments of half of it: one plays while the next loads.
        long memory = unit.capabilities().programMemoryBytes();
        java.util.List<DeviceProgram> segments = null;
        if (SequenceCompiler.imageBytes(program) > memory) {
            try {
                segments = SequenceCompiler.cut(program, memory / 2);
            } catch (CompileException e) {
                throw new ScanException("the program cannot be streamed to this unit: " + e.getMessage());
            }
        }
        org.lodestone.hw.session.ProgramStreamer streamer = null;
        String unitStopped = null;
        long t0 = System.nanoTime();
        try (MrdStreamWriter writer = MrdStreamWriter.create(raw, IsmrmrdHeaderXml.build(spec))) {
            progress.stage("Uploading program");
            int id = segments == null ? session.upload(program) : -1;
            activeSession = session;
            if (abortRequested) throw new DeviceException("aborted before start");
            if (tripped.get() != null) throw new DeviceException("not started: " + tripped.get().detail());
            progress.stage("Scanning");
            AcquisitionListener listener = new AcquisitionListener() {
                @Override
                public void onLine(Message.AcqData line) {
                    inbox.add(line);
                }

                @Override
                public void onEvent(Message.Event e) {
                    if (e.code() != EventCode.SCAN_STARTED) inbox.add(e);
                }

                @Override
                public void onLinkHealth(boolean healthy, String detail) {
                    inbox.add(new LinkHealth(healthy, detail));
                }

                @Override
                public void onDone(Message.Done done) {
                    inbox.add(done);
                }

                @Override
                public void onLinkLost(String reason) {
                    inbox.add(new LinkLost(reason));
                }
            };
            if (segments == null) {
                session.start(id, listener);
            } else {
                log.info("Program of {} bytes streamed to the unit ({} bytes of memory) in {} segments",
                        SequenceCompiler.imageBytes(program), memory, segments.size());
                streamer = org.lodestone.hw.session.ProgramStreamer.start(session, segments, memory, listener);
            }
            RemainingTime pace = new RemainingTime(program);
            String endReason = null;
            Message.Done done = null;
            long tripDeadline = Long.MAX_VALUE;
            while (done == null && endReason == null) {
                Object o = inbox.poll(250, TimeUnit.MILLISECONDS);
                if (o == null) {
                    // After a trip the unit's DONE normally follows at once; don't wait on a unit that stays silent.
                    if (System.nanoTime() > tripDeadline) endReason = "no DONE from the unit after the interlock ABORT";
                    continue;
                }
                switch (o) {
                    case InterlockEvent e -> {
                        progress.stage("Interlock: " + e.input().unsafeText() + "; stopping");
                        if (tripDeadline == Long.MAX_VALUE) tripDeadline = System.nanoTime() + TRIP_DONE_WAIT_NS;
                    }
                    case Message.AcqData line -> {
                        if (line.scanCounter() < Integer.MAX_VALUE && !seen.get((int) line.scanCounter())) {
                            seen.set((int) line.scanCounter());
                            var acq = converter.convert(line);
                            writer.append(acq);
                            received++;
                            try {
                                if (slab) slabRecon.add(acq);
                                else kspace.add(acq);
                            } catch (RuntimeException e) {
                                // The line is journalled, but the console cannot place it: stop the unit rather than scan on blind.
                                consoleFault = "line " + line.scanCounter() + " does not fit the scan's encoding (" + e.getMessage() + ")";
                                log.error("Stopping the scan: {}", consoleFault);
                                try {
                                    session.abort("console: " + consoleFault);
                                } catch (DeviceException ae) {
                                    log.warn("Abort could not be sent: {}", ae.getMessage());
                                }
                                endReason = consoleFault;
                            }
                            double elapsed = (System.nanoTime() - t0) / 1e9;
                            progress.lines(received, built.expectedLines(), pace.remainingSeconds(received, elapsed));
                            if (drift != null && endReason == null) drift.afterLine(session, line); // between TRs

                        }
                    }
                    case Message.Event e -> {
                        log.warn("Unit reported {}: {}", EventCode.name(e.code()), e.detail());
                        if (e.code() == EventCode.PROGRAM_UNDERRUN) unitStopped = EventCode.name(e.code()) + ": " + e.detail();
                    }
                    case Message.Done d -> done = d;
                    case LinkLost l -> endReason = l.reason();
                    case LinkHealth h -> progress.stage(h.healthy() ? "Scanning (link restored)" : "Waiting for the link: " + h.detail());
                    case LiveImage li -> progress.image(li.volume());
                    default -> { }
                }
            }
            InterlockEvent trip = tripped.get();
            if (trip != null) {
                // Lines that arrived before DONE are kept; the interlock wins over any other ending.
                status = ScanStatus.INTERRUPTED;
                // An unknown level means the GPIO itself is gone (e.g. with the unit's process): say both.
                String what = trip.input().unsafeText() + (trip.detail().contains("state unknown") ? ", GPIO state unknown" : "");
                message = "Scan interrupted by the interlock (" + what + ")" + (endReason != null ? "; lost the unit: " + endReason : "")
                        + " after " + received + " of " + built.expectedLines() + " lines; the lines received are kept in " + raw;
            } else if (done != null && done.status() == Message.Done.COMPLETE && received == built.expectedLines()) {
                status = ScanStatus.COMPLETE;
                message = "Scan complete: " + received + " of " + built.expectedLines() + " lines";
            } else if (done != null && abortRequested) {
                status = ScanStatus.ABORTED;
                message = "Scan aborted by the operator after " + received + " of " + built.expectedLines() + " lines; the lines received are kept";
            } else if (consoleFault != null) {
                status = ScanStatus.INTERRUPTED;
                message = "Scan stopped by the console: " + consoleFault + "; " + received + " lines are kept in " + raw;
            } else {
                status = ScanStatus.INTERRUPTED;
                String why = endReason != null ? "lost the unit: " + endReason
                        : unitStopped != null ? unitStopped
                        : "the unit ended the scan (status " + done.status() + ")";
                message = "Scan interrupted (" + why + ") after " + received + " of " + built.expectedLines()
                        + " lines; the lines received are kept in " + raw;
            }
        } catch (IOException e) {
            status = ScanStatus.INTERRUPTED;
            message = "Scan interrupted: cannot write raw data (" + e.getMessage() + "); " + received + " lines were saved";
        } catch (DeviceException e) {
            InterlockEvent trip = tripped.get();
            status = abortRequested && trip == null ? ScanStatus.ABORTED : ScanStatus.INTERRUPTED;
            message = "Scan stopped: " + (trip != null ? "interlock (" + trip.input().unsafeText() + "): " : "")
                    + e.getMessage() + "; " + received + " lines were saved";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            status = ScanStatus.INTERRUPTED;
            message = "Scan interrupted";
        } finally {
            activeSession = null;
            if (streamer != null) streamer.close();
        }
        Instant ended = Instant.now();
        audit.info("operator={} action=end protocol={} status={} lines={}/{} out={}", req.operator(), built.protocol(),
                status, received, built.expectedLines(), req.outDir());

        ImageVolume image = null;
        double snr = Double.NaN;
        String emiRemoval = null;
        if (received > 0 && live != null) {
            progress.stage("Reconstructing");
            try {
                image = live.finish();
                // Reference antennas (channels that see interference but not the object) are found from the data:
                // the unit announces only a channel count. The final image is then EMI-corrected from raw.mrd.
                if (spec.receiverChannels() > 1) {
                    OfflineRecon.Output cleaned = OfflineRecon.reconstruct(MrdStreamReader.read(raw),
                            new OfflineRecon.Options(false, false, -1, OfflineRecon.Options.DETECT_EMI_REFERENCES));
                    if (cleaned.emiRemoval() != null && cleaned.volume() != null && cleaned.volume().nz() == image.nz()) {
                        image = cleaned.volume();
                        emiRemoval = cleaned.emiRemoval();
                        NiftiWriter.write(req.outDir().resolve("images.nii"), image);
                        log.info("EMI removed: {}", emiRemoval);
                    }
                }
                PngPreview.write(req.outDir().resolve("preview.png"), image, 0);
            } catch (IOException e) {
                message += "; the images could not be written: " + e.getMessage();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                message += "; reconstruction interrupted";
            }
            if (image != null) {
                snr = NoiseEstimate.estimate(image.slice(0), image.nx(), image.ny()).snr();
                progress.image(image);
            }
        } else if (received > 0 && slab) {
            progress.stage("Reconstructing");
            try (RssReconstructor rss = RssReconstructor.withDefaultThreads()) {
                image = slabRecon.reconstruct(rss);
                NiftiWriter.write(req.outDir().resolve("images.nii"), image);
                PngPreview.write(req.outDir().resolve("preview.png"), image, image.nz() / 2);
            } catch (IOException e) {
                message += "; the images could not be written: " + e.getMessage();
            }
            if (image != null) {
                snr = NoiseEstimate.estimate(image.slice(image.nz() / 2), image.nx(), image.ny()).snr();
                progress.image(image);
            }
        } else if (live != null) {
            try {
                live.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("protocol", built.protocol());
        json.put("parameters", built.parameters());
        json.put("derived", built.derived());
        json.put("status", status.name().toLowerCase());
        json.put("message", message);
        json.put("operator", req.operator());
        json.put("start", started.toString());
        json.put("end", ended.toString());
        json.put("lines_expected", built.expectedLines());
        json.put("lines_received", received);
        json.put("frequency_hz", frequencyHz);
        json.put("frequency_adjustment", freq);
        json.put("drift_tracking", drift != null ? drift.summary() : Map.of("enabled", false));
        InterlockEvent trip = tripped.get();
        if (trip != null) {
            json.put("interlock", Map.of("input", trip.input().name(), "time", trip.time().toString(), "detail", trip.detail()));
        }
        json.put("snr_estimate", Double.isNaN(snr) ? null : snr);
        json.put("emi_removal", emiRemoval);
        json.put("unit", Map.of("model", unit.capabilities().model(), "firmware", unit.capabilities().firmware(),
                "field_t", unit.capabilities().fieldTesla(), "port", unit.port(), "virtual", unit.isVirtual()));
        try {
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValue(req.outDir().resolve("scan.json").toFile(), json);
        } catch (IOException e) {
            message += "; scan.json could not be written: " + e.getMessage();
        }
        return new ScanResult(status, built.expectedLines(), received, req.outDir(), image, snr, frequencyHz, message);
    }

    /** How long DONE may take after an interlock ABORT before the scan is ended without it. */
    private static final long TRIP_DONE_WAIT_NS = 5_000_000_000L;

    private static String capitalise(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private record LinkLost(String reason) {
    }

    private record LinkHealth(boolean healthy, String detail) {
    }

    private record LiveImage(ImageVolume volume) {
    }
}
