package org.lodestone.dicom.export;

/** Where exports and sends are recorded; the workflow module's audit trail at merge, a log line until then. */
@FunctionalInterface
public interface AuditSink {
    void record(String action, String studyUid, String detail);
}
