package org.lodestone.dicom.source;

import org.lodestone.dicom.model.ExamRecords;

import java.io.IOException;
import java.util.Optional;

/**
 * Where export and send find an exam by its Study Instance UID: patient, study, equipment and each series with its
 * NIfTI images. The workflow module implements it over its database; {@link ScanFolderStudySource} reads scan folders.
 */
public interface StudySource {
    Optional<ExamRecords> find(String studyUid) throws IOException;
}
