package org.lodestone.dicom.worklist;

/**
 * One scheduled procedure step from the RIS: what the operator picks to create the patient and a scheduled exam
 * (with the RIS's accession number and Study Instance UID). Dates are DICOM DA (yyyyMMdd), times TM, as sent.
 */
public record WorklistEntry(String patientName, String patientId, String birthDate, String sex, String accessionNumber,
                            String studyInstanceUid, String requestedProcedureId, String requestedProcedureDescription,
                            String scheduledStepId, String scheduledStepDescription, String scheduledDate,
                            String scheduledTime, String modality, String stationAeTitle, String characterSet) {

    /** The patient to create when the operator picks this entry (birth date and sex only when the RIS sent valid ones). */
    public org.lodestone.dicom.model.DicomPatient patient() {
        java.time.LocalDate birth = null;
        try {
            if (birthDate.length() == 8) birth = java.time.LocalDate.parse(birthDate, java.time.format.DateTimeFormatter.BASIC_ISO_DATE);
        } catch (java.time.format.DateTimeParseException e) {
            birth = null;
        }
        return new org.lodestone.dicom.model.DicomPatient(patientId, patientName, birth, sex.matches("[MFO]") ? sex : "");
    }

    /** The scheduled exam to create: the RIS's Study Instance UID and accession number, at the scheduled time. */
    public org.lodestone.dicom.model.DicomStudy study() {
        java.time.LocalDateTime when;
        try {
            String t = (scheduledTime + "000000").substring(0, 6);
            when = java.time.LocalDateTime.parse(scheduledDate + t, java.time.format.DateTimeFormatter.ofPattern("yyyyMMddHHmmss"));
        } catch (RuntimeException e) {
            when = java.time.LocalDate.now().atStartOfDay();
        }
        return new org.lodestone.dicom.model.DicomStudy(studyInstanceUid, requestedProcedureId, accessionNumber,
                requestedProcedureDescription, when, "");
    }
}
