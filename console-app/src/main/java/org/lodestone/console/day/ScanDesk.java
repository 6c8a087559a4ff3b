package org.lodestone.console.day;

import org.lodestone.scan.ScanEvent;
import org.lodestone.scan.ScanException;
import org.lodestone.scan.ScanListener;
import org.lodestone.scan.ScanRequest;
import org.lodestone.scan.ScanResult;
import org.lodestone.scan.ScanService;
import org.lodestone.workflow.Workflow;
import org.lodestone.workflow.exam.ExamRecorder;
import org.lodestone.workflow.exam.SeriesHandle;
import org.lodestone.workflow.user.Actor;

import java.nio.file.Path;
import java.util.Map;

/**
 * Runs one scan of an exam as the CLI's {@code scan --exam} does: the series is recorded in progress before the
 * first line, the scan runs on the unit through the scan service, and its end (or its refusal, e.g. door open)
 * is recorded and audited. Blocking: call it on a scan thread, never the FX thread.
 */
public final class ScanDesk {
    /** The recorded outcome: the scan's result (null when refused before it started), the refusal, and where it is. */
    public record Outcome(ScanResult result, String refusal, Path seriesDir, String seriesUid) {
        public boolean refused() {
            return result == null;
        }
    }

    private final Workflow workflow;
    private final ScanService service;

    public ScanDesk(Workflow workflow, ScanService service) {
        this.workflow = workflow;
        this.service = service;
    }

    public ScanService service() {
        return service;
    }

    public Outcome run(Actor by, String patientId, String studyUid, String protocol, Map<String, Double> parameters, ScanListener listener) {
        SeriesHandle series = workflow.recorder().begin(new ExamRecorder.ScanPlan(patientId, studyUid, protocol, parameters, null), by);
        Double weight = series.patient().weightKg();
        ScanListener recording = event -> {
            switch (event) {
                case ScanEvent.Started s -> series.expectLines(s.expectedLines());
                case ScanEvent.Progress p -> series.progress(p.received());
                default -> { }
            }
            listener.on(event);
        };
        try {
            ScanResult r = service.run(new ScanRequest(protocol, parameters, series.directory(), by.name(), weight), recording);
            series.finish(r.status().name(), r.linesExpected(), r.linesReceived(), r.message(), null);
            if (r.message() != null && r.message().contains("interlock")) {
                new DayAudit(workflow.audit()).record(by, "interlock", "series " + series.seriesUid(),
                        Map.of("status", r.status().name().toLowerCase(java.util.Locale.ROOT), "lines_received", String.valueOf(r.linesReceived()),
                                "message", r.message()));
            }
            return new Outcome(r, null, series.directory(), series.seriesUid());
        } catch (ScanException e) {
            String why = e.getMessage() == null ? "refused" : e.getMessage();
            series.finish("FAILED", 0, 0, "Scan refused: " + why, null);
            new DayAudit(workflow.audit()).record(by, "scan.refused", "series " + series.seriesUid(),
                    Map.of("reason", why, "interlock", String.valueOf(why.contains("interlock") || why.contains("door"))));
            return new Outcome(null, OperatorText.clean(why), series.directory(), series.seriesUid());
        } catch (RuntimeException e) {
            series.finish("FAILED", 0, 0, "Scan failed: " + OperatorText.reason(e), null);
            throw e;
        }
    }

    /** Aborts the running scan (writes to the unit: not on the FX thread). */
    public void abort(Actor by) {
        service.abort(by.name());
    }
}
