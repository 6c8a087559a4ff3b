package org.lodestone.dicom.model;

import java.time.LocalDateTime;
import java.util.Objects;

/** A study (exam): its UID from the workflow database, accession number from the RIS (may be empty). */
public record DicomStudy(String studyUid, String studyId, String accessionNumber, String description,
                         LocalDateTime dateTime, String referringPhysician) {
    public DicomStudy {
        Uids.require(studyUid, "study UID");
        Objects.requireNonNull(dateTime, "dateTime");
        studyId = studyId == null ? "" : studyId;
        accessionNumber = accessionNumber == null ? "" : accessionNumber;
        description = description == null ? "" : description;
        referringPhysician = referringPhysician == null ? "" : referringPhysician;
    }
}
