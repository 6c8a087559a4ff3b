package org.lodestone.console.day;

import org.lodestone.dicom.export.AuditSink;
import org.lodestone.dicom.export.ExamExporter;
import org.lodestone.dicom.export.ExportedInstance;
import org.lodestone.dicom.model.ExamRecords;
import org.lodestone.dicom.net.DicomClient;
import org.lodestone.dicom.outbox.Backoff;
import org.lodestone.dicom.outbox.Destinations;
import org.lodestone.dicom.outbox.Outbox;
import org.lodestone.dicom.outbox.OutboxJob;
import org.lodestone.dicom.outbox.OutboxWorker;
import org.lodestone.dicom.source.WorkflowStudySource;
import org.lodestone.workflow.Workflow;
import org.lodestone.workflow.user.Actor;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Sending an exam to the PACS through the outbox (as {@code lodestone send} does: exported to a spool first, then
 * queued and delivered), and each series' outbox state for the Send screen. Blocking: not on the FX thread.
 */
public final class Sending {
    /** One series of the exam and where its images stand for one destination. */
    public record SeriesState(String seriesUid, int number, String protocol, int images, int sent, OutboxJob.Status status) {
    }

    private final Workflow workflow;
    private final DicomClient client;
    private final String aeTitle;
    private final String softwareVersion;
    private final Path spoolRoot;
    private final Map<String, Map<String, String>> seriesOfInstance = new LinkedHashMap<>();

    public Sending(Workflow workflow, DicomClient client, String aeTitle, String softwareVersion, Path spoolRoot) {
        this.workflow = workflow;
        this.client = client;
        this.aeTitle = aeTitle;
        this.softwareVersion = softwareVersion;
        this.spoolRoot = spoolRoot;
    }

    public List<String> destinations() throws SQLException {
        return new Destinations(workflow.database().dataSource()).list().stream().map(d -> d.name()).toList();
    }

    /** Exports every image of the exam, queues it for {@code destination} and tries to deliver it now. */
    public OutboxJob send(Actor by, String studyUid, String destination) throws IOException, SQLException {
        var db = workflow.database().dataSource();
        if (new Destinations(db).find(destination).isEmpty()) throw new IllegalArgumentException("no destination named " + destination);
        ExamRecords exam = new WorkflowStudySource(workflow.exams(), softwareVersion).find(studyUid)
                .orElseThrow(() -> new IllegalArgumentException("no exam " + studyUid));
        if (exam.series().isEmpty()) throw new IllegalArgumentException("the exam has no images yet");
        AuditSink audit = (action, study, detail) -> new DayAudit(workflow.audit()).study(by, action, study,
                Map.of("detail", detail));
        Map<String, Path> items = new LinkedHashMap<>();
        Map<String, String> series = new LinkedHashMap<>();
        for (ExportedInstance e : new ExamExporter(aeTitle, audit).exportDicom(exam, spoolRoot.resolve(studyUid), false)) {
            items.put(e.sopInstanceUid(), e.file());
            series.put(e.sopInstanceUid(), e.seriesUid());
        }
        seriesOfInstance.put(studyUid, series);
        Outbox outbox = new Outbox(db);
        long job = outbox.enqueue(studyUid, destination, items, Instant.now());
        audit.record("send", studyUid, items.size() + " images queued for " + destination);
        return new OutboxWorker(outbox, new Destinations(db), client, Backoff.DEFAULT, Clock.systemUTC(), s -> { }).deliver(job);
    }

    /** Each series of the study with its images sent, from the latest job for it (as sent from this console). */
    public List<SeriesState> states(String studyUid) throws SQLException {
        Outbox outbox = new Outbox(workflow.database().dataSource());
        List<OutboxJob> jobs = outbox.jobs().stream().filter(j -> j.studyUid().equals(studyUid)).toList();
        Map<String, String> series = seriesOfInstance.getOrDefault(studyUid, Map.of());
        List<SeriesState> out = new ArrayList<>();
        OutboxJob last = jobs.isEmpty() ? null : jobs.getLast();
        Set<String> unsent = new HashSet<>();
        if (last != null) for (var e : outbox.unsent(last.id())) unsent.add(e.getKey());
        for (var s : workflow.exams().get(studyUid).orElseThrow().series()) {
            if (s.rawPath() == null) continue;
            List<String> mine = series.entrySet().stream().filter(e -> e.getValue().equals(s.seriesUid())).map(Map.Entry::getKey).toList();
            int sent = (int) mine.stream().filter(i -> !unsent.contains(i)).count();
            OutboxJob.Status st = last == null || mine.isEmpty() ? null
                    : sent == mine.size() ? OutboxJob.Status.SENT : last.status();
            out.add(new SeriesState(s.seriesUid(), s.number(), s.protocol(), mine.size(), sent, st));
        }
        return out;
    }
}
