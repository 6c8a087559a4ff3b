package org.lodestone.console.day;

import org.lodestone.dicom.outbox.Outbox;
import org.lodestone.dicom.outbox.OutboxJob;
import org.lodestone.workflow.audit.AuditTrail;
import org.lodestone.workflow.exam.Exam;
import org.lodestone.workflow.exam.Exams;
import org.lodestone.workflow.exam.Series;
import org.lodestone.workflow.exam.SeriesStatus;
import org.lodestone.workflow.user.Actor;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Closing an exam: refused, with the reasons, while a scan is still running or acquired images were never sent
 * (or are still waiting in the outbox) — unless the technician overrides with a note, which is audited.
 */
public record ExamClosing(Exams exams, Outbox outbox, DayAudit audit) {
    /** Closed, or the reasons it was not (message keys resolved in the screen's language). */
    public record Outcome(boolean closed, List<String> reasons) {
        public Outcome {
            reasons = List.copyOf(reasons);
        }
    }

    public ExamClosing(Exams exams, Outbox outbox, AuditTrail trail) {
        this(exams, outbox, new DayAudit(trail));
    }

    /** Why the exam may not be closed as it stands; empty when it may. */
    public List<String> obstacles(String studyUid, boolean scanRunning, Texts t) throws SQLException {
        Exam e = exams.get(studyUid).orElseThrow(() -> new IllegalArgumentException("no exam " + studyUid));
        List<String> why = new ArrayList<>();
        if (scanRunning || e.series().stream().anyMatch(s -> s.status() == SeriesStatus.IN_PROGRESS)) why.add(t.get("close.blocked.running"));
        long acquired = e.series().stream().filter(ExamClosing::hasImages).count();
        List<OutboxJob> jobs = outbox.jobs().stream().filter(j -> j.studyUid().equals(studyUid)).toList();
        if (acquired > 0 && jobs.isEmpty()) why.add(t.get("close.blocked.unsent", acquired));
        for (OutboxJob j : jobs) {
            if (j.status() != OutboxJob.Status.SENT) why.add(t.get("close.blocked.outbox", j.destination(), j.imagesSent(), j.imagesTotal()));
        }
        return why;
    }

    /** Closes when nothing stands in the way, or with a note that overrides (audited with what it overrode). */
    public Outcome close(Actor by, String studyUid, boolean scanRunning, String overrideNote, Texts t) throws SQLException {
        List<String> why = obstacles(studyUid, scanRunning, t);
        boolean override = overrideNote != null && !overrideNote.isBlank();
        if (!why.isEmpty() && !override) return new Outcome(false, why);
        if (scanRunning) return new Outcome(false, why); // a scan running here is never overridden: abort it first
        exams.close(studyUid);
        Map<String, String> details = why.isEmpty() ? Map.of("source", "console")
                : Map.of("source", "console", "override_note", overrideNote.trim(), "overridden", String.join(" | ", why));
        audit.study(by, "exam.close", studyUid, details);
        return new Outcome(true, List.of());
    }

    private static boolean hasImages(Series s) {
        return s.status() == SeriesStatus.COMPLETED || s.status() == SeriesStatus.INTERRUPTED || s.status() == SeriesStatus.ABORTED;
    }
}
