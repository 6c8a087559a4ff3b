package org.lodestone.console.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.lodestone.workflow.Workflow;
import org.lodestone.workflow.exam.Exam;
import org.lodestone.workflow.exam.Series;
import org.lodestone.workflow.patient.Patients;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.List;

/** {@code exams [--json] [--patient ID]}: exams in time order with their series. */
@Command(name = "exams", mixinStandardHelpOptions = true, description = "List exams and their series.")
public final class ExamsCommand extends ListingCommand<Exam> {
    @Option(names = "--patient", paramLabel = "ID", description = "Only this patient's exams.")
    String patient;

    ExamsCommand() {
        super("list exams");
    }

    @Override
    List<Exam> items(Workflow w) {
        return w.exams().list(patient);
    }

    @Override
    void printRow(Exam e) {
        System.out.printf("%s  %s  %s  %s (%s)  opened %s%n", e.studyUid(), e.accession(), e.status(), e.patient().name(),
                e.patient().id(), e.opened());
        for (Series s : e.series()) {
            System.out.printf("  %3d %-10s %-12s %d/%s lines  %s%n", s.number(), s.protocol(), s.status().text(), s.linesReceived(),
                    s.linesExpected() == null ? "?" : s.linesExpected(), s.rawPath() == null ? "" : s.rawPath());
        }
    }

    @Override
    ObjectNode toJson(Exam e) {
        ObjectNode n = JSON.createObjectNode();
        n.put("study_uid", e.studyUid()).put("accession", e.accession()).put("status", e.status());
        n.put("opened", e.opened().toString());
        n.put("closed", e.closed() == null ? null : e.closed().toString());
        ObjectNode p = Patients.toJson(e.patient());
        p.remove("height_cm");
        n.set("patient", p);
        ArrayNode series = n.putArray("series");
        for (Series s : e.series()) {
            ObjectNode o = series.addObject();
            o.put("series_uid", s.seriesUid()).put("number", s.number()).put("protocol", s.protocol()).put("status", s.status().text());
            if (s.linesExpected() == null) o.putNull("lines_expected"); else o.put("lines_expected", s.linesExpected());
            o.put("lines_received", s.linesReceived());
            o.put("raw", s.rawPath());
            o.put("started", s.started() == null ? null : s.started().toString());
            o.put("ended", s.ended() == null ? null : s.ended().toString());
            o.put("message", s.message());
        }
        return n;
    }
}
