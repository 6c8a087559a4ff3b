package org.lodestone.console.cli;

import org.lodestone.seq.limits.UnitProfile;
import org.lodestone.seq.protocol.BuiltProtocol;
import org.lodestone.seq.protocol.ProtocolLibrary;
import org.lodestone.workflow.Workflow;
import org.lodestone.workflow.care.DiskSpace;
import org.lodestone.workflow.exam.ExamRecorder;
import org.lodestone.workflow.exam.SeriesHandle;
import org.lodestone.workflow.user.Actor;
import org.lodestone.workflow.user.Role;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * What {@code scan} records in the exam database: the disk check, the series marked in progress before the
 * scan starts, and its end. Takes plain values so it does not depend on how the scan service is built.
 */
public final class ScanRecording implements AutoCloseable {
    private final Workflow workflow;
    private final SeriesHandle series;
    private final Actor actor;
    /** MPPS at exam start, auto-send and the outbox while the scan runs (dicom module; leased against other workers). */
    private final org.lodestone.dicom.service.DicomService dicom;

    private ScanRecording(Workflow workflow, SeriesHandle series, Actor actor) {
        this.workflow = workflow;
        this.series = series;
        this.actor = actor;
        this.dicom = OutboxCommand.startService(workflow, java.time.Duration.ofSeconds(10));
    }

    /** Logs in, checks the disk, marks the series in progress. {@code out} may be null (then the series folder). */
    public static ScanRecording begin(WorkflowAccess access, String patientId, String studyUid, String protocol,
                                      Map<String, Double> parameters, Path out) {
        Workflow w = access.open();
        try {
            Actor a = access.login(w, Role::mayScan, "scan");
            Path target = out != null ? out : w.home().examsDirectory();
            DiskSpace.Check disk = DiskSpace.check(target, estimateBytes(protocol, parameters));
            if (disk.low() || !disk.fits()) {
                w.audit().append(a.name(), a.role().text(), disk.fits() ? "disk.low" : "scan.refused", "disk " + target,
                        Map.of("usable_bytes", String.valueOf(disk.usableBytes()), "needed_bytes", String.valueOf(disk.neededBytes())));
            }
            if (!disk.fits()) throw new IllegalStateException(disk.reason() + "; free space or choose another --out");
            if (disk.low()) System.err.println("lodestone: warning: the disk is nearly full (" + disk.usableBytes() / 1_000_000 + " MB free)");
            SeriesHandle s = w.recorder().begin(new ExamRecorder.ScanPlan(patientId, studyUid, protocol, parameters, out), a);
            try {
                Files.createDirectories(s.directory());
            } catch (IOException e) {
                // nothing played: the series ends refused, not left in progress for the next command to call interrupted
                String why = "cannot create the series folder: " + OperatorSentence.of(e);
                s.finish("FAILED", 0, 0, "Scan refused: " + why, null);
                throw new IllegalStateException(why, e);
            }
            return new ScanRecording(w, s, a);
        } catch (RuntimeException e) {
            w.close();
            throw e;
        }
    }

    /** Raw data and images of a native protocol, from its planned geometry; 0 when it cannot be planned here. */
    static long estimateBytes(String protocol, Map<String, Double> parameters) {
        try {
            var p = ProtocolLibrary.find(protocol);
            if (p.isEmpty()) return 0;
            BuiltProtocol b = p.get().build(parameters, UnitProfile.PLANNING);
            var g = b.geometry();
            long channels = 8; // the most a unit announces; over-estimating is the safe side
            long raw = (long) b.expectedLines() * (g.readoutSamples() * channels * 8L + 400);
            long images = (long) g.readoutSamples() * g.phaseEncodes() * Math.max(1, g.slices()) * 4L * 3;
            return raw + images;
        } catch (Exception e) {
            LoggerFactory.getLogger(ScanRecording.class).debug("no size estimate for {}", protocol, e);
            return 0;
        }
    }

    public Path directory() {
        return series.directory();
    }

    /** The patient's weight for the SAR check; null when not recorded (the default body model then applies). */
    public Double patientWeightKg() {
        return series.patient().weightKg();
    }

    public String describe() {
        return "exam " + series.studyUid() + ", series " + series.number() + " (patient " + series.patient().id() + ")";
    }

    /** The line count, once the scan knows it. */
    public void expectLines(long expected) {
        series.expectLines(expected);
    }

    /** Lines journalled so far, for another process's view (exams --json while the scan runs). */
    public void progress(long received) {
        series.progress(received);
    }

    /**
     * Records the end: outcome word, line counts, message; the series files are hashed. A scan the interlock
     * stopped also gets an {@code interlock} entry in the audit trail (the logback audit log had it alone before).
     */
    public void finish(String outcome, long linesExpected, long linesReceived, String message) {
        series.finish(outcome, linesExpected, linesReceived, message, null);
        dicom.wake();
        if (endedByInterlock(outcome, message)) {
            workflow.audit().append(actor.name(), actor.role().text(), "interlock", "series " + series.seriesUid(),
                    Map.of("status", outcome.toLowerCase(java.util.Locale.ROOT), "lines_received", String.valueOf(linesReceived),
                            "message", message));
        }
    }

    /** The scan was refused before it started (arming refused, e.g. door open; a limit; the prescan tripped). */
    public void refused(String reason) {
        String why = reason == null ? "refused" : reason;
        series.finish("FAILED", 0, 0, "Scan refused: " + why, null);
        workflow.audit().append(actor.name(), actor.role().text(), "scan.refused", "series " + series.seriesUid(),
                Map.of("reason", why, "interlock", String.valueOf(why.contains("interlock"))));
    }

    /** The scan service says an interlock ended a scan in its status (interrupted) and message ("…by the interlock…"). */
    static boolean endedByInterlock(String outcome, String message) {
        return "INTERRUPTED".equals(outcome) && message != null && message.contains("interlock");
    }

    @Override
    public void close() {
        dicom.close();
        workflow.close();
    }
}
