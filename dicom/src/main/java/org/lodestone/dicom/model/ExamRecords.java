package org.lodestone.dicom.model;

import java.util.List;
import java.util.Objects;

/** Everything an export needs about one exam: who, which study, which unit, and its series with their images. */
public record ExamRecords(DicomPatient patient, DicomStudy study, Equipment equipment, List<SeriesImages> series) {
    public ExamRecords {
        Objects.requireNonNull(patient, "patient");
        Objects.requireNonNull(study, "study");
        Objects.requireNonNull(equipment, "equipment");
        series = List.copyOf(series);
    }
}
