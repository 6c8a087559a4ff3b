package org.lodestone.workflow.exam;

import org.lodestone.workflow.patient.Patient;

import java.time.Instant;
import java.util.List;

/** An exam (a DICOM study) of one patient with its series in order. */
public record Exam(long id, String studyUid, String accession, Patient patient, String referringPhysician, String bodyPart,
                   String reason, String status, Instant opened, Instant closed, List<Series> series) {
    public Exam {
        series = List.copyOf(series);
    }

    public boolean isOpen() {
        return "open".equals(status);
    }
}
