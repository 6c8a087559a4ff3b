package org.lodestone.dicom.worklist;

/**
 * One scheduled procedure step from the RIS: what the operator picks to create the patient and a scheduled exam
 * (with the RIS's accession number and Study Instance UID). Dates are DICOM DA (yyyyMMdd), times TM, as sent.
 */
public record WorklistEntry(String patientName, String patientId, String birthDate, String sex, String accessionNumber,
                            String studyInstanceUid, String requestedProcedureId, String requestedProcedureDescription,
                            String scheduledStepId, String scheduledStepDescription, String scheduledDate,
                            String scheduledTime, String modality, String stationAeTitle, String characterSet) {
}
