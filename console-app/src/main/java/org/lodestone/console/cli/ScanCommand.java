package org.lodestone.console.cli;

import org.lodestone.scan.ScanProgress;
import org.lodestone.scan.ScanRequest;
import org.lodestone.scan.ScanException;
import org.lodestone.scan.ScanResult;
import org.lodestone.scan.ScanService;
import org.lodestone.scan.ScanStatus;
import org.lodestone.scan.unit.UnitConnection;
import org.lodestone.seq.protocol.Protocol;
import org.lodestone.seq.protocol.ProtocolLibrary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** Headless scan: raw.mrd, images.nii, preview.png and scan.json in the output folder. */
@Command(name = "scan", mixinStandardHelpOptions = true, description = "Run one scan without the window.")
public final class ScanCommand implements Callable<Integer> {
    @picocli.CommandLine.ArgGroup(exclusive = true, multiplicity = "1")
    What what;

    static final class What {
        @Option(names = "--protocol", required = true, paramLabel = "NAME", completionCandidates = ProtocolNames.class,
                description = "A native protocol: ${COMPLETION-CANDIDATES}.")
        String protocol;

        @Option(names = "--seq", required = true, paramLabel = "FILE.seq", description = "A Pulseq file to run instead.")
        Path seq;
    }

    @Option(names = "--param", paramLabel = "NAME=VALUE", description = "A protocol parameter, e.g. --param te=30.")
    List<String> params = List.of();

    @Option(names = "--out", paramLabel = "DIR", description = "Output folder (default: the series folder in the data directory).")
    Path out;

    @Option(names = "--patient", paramLabel = "ID", description = "The registered patient (default: the \"unregistered\" patient, for QA).")
    String patient;

    @Option(names = "--exam", paramLabel = "STUDY_UID", description = "Add the series to this open exam (default: the patient's open exam, or a new one).")
    String exam;

    @Mixin
    WorkflowAccess access;

    @Mixin
    OperatorOption operator;

    @Mixin
    ConnectionOptions connection;

    @Mixin
    TelemetryOption telemetryOption;

    @Option(names = "--recon-server", paramLabel = "HOST:PORT", description = "Stream the lines to this MRD server during the scan and take its image (tls://HOST:PORT for TLS; "
            + "local if it is down or slow; scan.json says which).")
    String reconServer;

    @Override
    public Integer call() throws Exception {
        Map<String, Double> values = parameters();
        String protocol = what.seq != null ? ScanService.FILE_PREFIX + what.seq : what.protocol;
        // a mobile unit in transport mode, or driven and not requalified, scans no patients ('mobile' commands)
        String held = new org.lodestone.console.service.mobile.TransportMode(access.home().root()).state().blockingReason();
        if (held != null) throw new IllegalStateException(held);
        // --recon-server: the lines stream to the server as they are journalled (closed unused if the scan fails)
        var remoteRecon = reconServer == null ? null
                : org.lodestone.remote.recon.StreamingRecon.to(reconServer, java.time.Duration.ofSeconds(60));
        // the series is in the exam database, in progress, before the scan starts; its end is recorded below
        try (ScanRecording rec = ScanRecording.begin(access, patient, exam, protocol, values, out);
             var telemetry = telemetryOption.start(access.home().root());
             UnitConnection unit = openUnit(rec)) {
            Path out = this.out != null ? this.out : rec.directory();
            System.out.println("Recording in " + rec.describe());
            ScanService service = new ScanService(unit, connection.calibrationStore());
            if (remoteRecon != null) service = service.withRawLines(remoteRecon);
            ScanService scanning = service;
            Thread hook = new Thread(() -> scanning.abort(operator.name + " (interrupt)"));
            Runtime.getRuntime().addShutdownHook(hook);
            ScanResult r;
            try {
                ConsoleProgress progress = new ConsoleProgress(rec);
                r = service.run(new ScanRequest(protocol, values, out, operator.name, rec.patientWeightKg()),
                        telemetry == null ? progress : telemetry.alongside(progress));
            } catch (ScanException e) {
                removeHook(hook);
                if (remoteRecon != null) remoteRecon.close();
                rec.refused(e.getMessage());
                throw e;
            } catch (Exception e) {
                removeHook(hook);
                if (remoteRecon != null) remoteRecon.close();
                rec.finish("FAILED", 0, 0, e.getMessage());
                throw e;
            }
            System.out.println();
            // before the series is closed: the hashes recorded at its end are of the files as they stay
            if (remoteRecon != null && r.status() == ScanStatus.COMPLETE) {
                var c = org.lodestone.remote.recon.RemoteReconStep.record(out, remoteRecon.finish());
                System.out.println("Reconstruction: " + c.recon() + (c.reason() != null ? " (" + c.reason() + ")" : ""));
            } else if (remoteRecon != null) {
                remoteRecon.close();
            }
            rec.finish(r.status().name(), r.linesExpected(), r.linesReceived(), r.message());
            removeHook(hook);
            System.out.println(r.message());
            if (!Double.isNaN(r.snr())) System.out.printf("SNR estimate %.1f, frequency %.1f Hz%n", r.snr(), r.frequencyHz());
            System.out.println("Output: " + out.toAbsolutePath());
            return r.status() == ScanStatus.COMPLETE ? 0 : 1;
        }
    }

    /**
     * The unit, or the series ends refused when it cannot be reached: nothing played, and the series must not stay
     * "in progress" (the next command would then call it interrupted, as if a scan had died).
     */
    private UnitConnection openUnit(ScanRecording rec) throws Exception {
        try {
            return connection.open();
        } catch (Exception e) {
            rec.refused(e.getMessage());
            throw e;
        }
    }

    /** The abort-on-interrupt hook is this scan's only: gone once it has ended (commands also run in-process in tests). */
    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException ignored) {
            // already shutting down
        }
    }

    /**
     * The --param values, each parsed and checked against its protocol's definition of it before
     * the unit is opened. Bad input is refused naming the parameter and its range (Main: exit status 2).
     */
    private Map<String, Double> parameters() {
        if (out != null && Files.exists(out) && !Files.isDirectory(out)) {
            throw new IllegalArgumentException("--out: " + out + " is a file; give a folder for the series");
        }
        if (what.seq != null) {
            if (!params.isEmpty()) throw new IllegalArgumentException("a Pulseq file takes no --param: its timing is in the file");
            if (!Files.isRegularFile(what.seq)) throw new IllegalArgumentException("--seq: no such file: " + what.seq);
            return Map.of();
        }
        Protocol p = ProtocolLibrary.find(what.protocol).orElseThrow(() -> new IllegalArgumentException("unknown protocol '"
                + what.protocol + "' (available: " + String.join(", ", ProtocolLibrary.all().stream().map(Protocol::name).toList()) + ")"));
        try {
            return p.parse(params);
        } catch (org.lodestone.seq.protocol.ParameterException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
    }

    /** A one-line progress display on a terminal. */
    private static final class ConsoleProgress implements ScanProgress {
        private long lastPrint;
        private final ScanRecording recording;
        private boolean expectedRecorded;

        ConsoleProgress(ScanRecording recording) {
            this.recording = recording;
        }

        @Override
        public void stage(String what) {
            System.out.println(what + "…");
        }

        @Override
        public void lines(long received, long expected, double remaining) {
            if (!expectedRecorded) {
                expectedRecorded = true;
                recording.expectLines(expected);
            }
            long now = System.nanoTime();
            if (received == expected || now - lastPrint > 500_000_000L) {
                lastPrint = now;
                recording.progress(received);
                System.out.printf("\r  %d/%d lines, %.0f s remaining   ", received, expected, remaining);
                System.out.flush();
            }
        }
    }
}
