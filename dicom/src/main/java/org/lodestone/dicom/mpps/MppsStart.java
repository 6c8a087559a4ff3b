package org.lodestone.dicom.mpps;

import org.lodestone.dicom.model.DicomPatient;
import org.lodestone.dicom.model.DicomStudy;

import java.time.LocalDateTime;

/** What N-CREATE reports when an exam starts: who, which scheduled step (from the worklist, may be empty), when. */
public record MppsStart(DicomPatient patient, DicomStudy study, String requestedProcedureId, String scheduledStepId,
                        String stepId, String description, String stationAeTitle, String stationName, LocalDateTime start) {
}
