package org.lodestone.dicom.export;

import org.lodestone.dicom.model.DicomPatient;
import org.lodestone.dicom.model.DicomSeries;
import org.lodestone.dicom.model.DicomStudy;
import org.lodestone.dicom.model.Equipment;
import org.lodestone.dicom.model.ExamRecords;
import org.lodestone.dicom.model.SeriesImages;
import org.lodestone.dicom.model.Uids;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * DICOM PS3.15 E.1 Basic Application Level Confidentiality Profile on our records: names, IDs, dates of birth,
 * accession number, referring physician, institution, station and serial number are removed or replaced, and every
 * UID (study, series, frame of reference; SOP instances are new anyway) is replaced by a new one, consistently
 * within one export. The study date is kept at day precision only (time set to midnight).
 */
public final class Deidentifier {
    private final Map<String, String> uidMap = new HashMap<>();

    public ExamRecords apply(ExamRecords exam) {
        // A random pseudonym: a hash of the real ID could be reversed by trying every ID.
        DicomPatient p = new DicomPatient("ANON-" + java.util.HexFormat.of().withUpperCase()
                .toHexDigits(new java.security.SecureRandom().nextInt()), "ANONYMOUS^", null, "");
        DicomStudy s = exam.study();
        DicomStudy study = new DicomStudy(newUid(s.studyUid()), "", "", s.description(),
                s.dateTime().toLocalDate().atStartOfDay(), "");
        Equipment e = exam.equipment();
        Equipment equipment = new Equipment(e.manufacturer(), e.model(), "", "", "", e.softwareVersion());
        List<SeriesImages> series = new ArrayList<>();
        for (SeriesImages si : exam.series()) {
            DicomSeries d = si.series();
            series.add(new SeriesImages(new DicomSeries(newUid(d.seriesUid()), newUid(d.frameOfReferenceUid()),
                    d.number(), d.description(), d.kind(), d.acquisition()), si.nifti()));
        }
        return new ExamRecords(p, study, equipment, series);
    }

    private String newUid(String old) {
        return uidMap.computeIfAbsent(old, k -> Uids.create());
    }
}
