package org.lodestone.dicom.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import org.lodestone.dicom.model.DicomPatient;
import org.lodestone.dicom.model.DicomSeries;
import org.lodestone.dicom.model.DicomStudy;
import org.lodestone.dicom.model.Equipment;
import org.lodestone.dicom.model.ExamRecords;
import org.lodestone.dicom.model.ImageKind;
import org.lodestone.dicom.model.MrAcquisition;
import org.lodestone.dicom.model.SeriesImages;
import org.lodestone.dicom.model.Uids;
import org.lodestone.workflow.exam.Exam;
import org.lodestone.workflow.exam.Exams;
import org.lodestone.workflow.exam.Series;
import org.lodestone.workflow.exam.SeriesStatus;
import org.lodestone.workflow.patient.Patient;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Exams from the workflow database: patient, study and series UIDs, accession and referring physician from its
 * tables; the unit's field and frequency and the protocol's actual timing from each series' scan.json (the series'
 * stored parameters when there is none). Series with no images (interrupted before recon, failed, scheduled) are
 * left out.
 */
public final class WorkflowStudySource implements StudySource {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Exams exams;
    private final String softwareVersion;

    public WorkflowStudySource(Exams exams, String softwareVersion) {
        this.exams = exams;
        this.softwareVersion = softwareVersion;
    }

    @Override
    public Optional<ExamRecords> find(String studyUid) throws IOException {
        Optional<Exam> found = exams.get(studyUid);
        if (found.isEmpty()) return Optional.empty();
        return Optional.of(records(found.get()));
    }

    ExamRecords records(Exam exam) throws IOException {
        Patient p = exam.patient();
        DicomPatient patient = new DicomPatient(p.id(), p.name(), p.birth(), p.sex());
        DicomStudy study = new DicomStudy(exam.studyUid(), String.valueOf(exam.id()), exam.accession(),
                exam.reason() == null || exam.reason().isBlank() ? "MR" : exam.reason(),
                LocalDateTime.ofInstant(exam.opened(), ZoneId.systemDefault()).withNano(0), exam.referringPhysician());
        // One frame of reference per exam: the patient does not move between its series.
        String frame = Uids.derived(exam.studyUid(), 0);
        String model = "Lodestone unit";
        List<SeriesImages> series = new ArrayList<>();
        for (Series s : exam.series()) {
            if (s.rawPath() == null || s.status() == SeriesStatus.SCHEDULED || s.status() == SeriesStatus.IN_PROGRESS) continue;
            Path dir = Path.of(s.rawPath()).getParent();
            Path nifti = dir.resolve("images.nii");
            if (!Files.isRegularFile(nifti)) continue;
            Path scanJson = dir.resolve("scan.json");
            JsonNode scan = Files.isRegularFile(scanJson) ? JSON.readTree(scanJson.toFile()) : MissingNode.getInstance();
            JsonNode params = scan.has("parameters") ? scan.path("parameters") : JSON.readTree(s.parameters());
            JsonNode unit = scan.path("unit");
            if (unit.has("model")) model = unit.path("model").asText();
            MrAcquisition mr = ScanFolderStudySource.acquisition(s.protocol(), params, scan.path("derived"),
                    unit.path("field_t").asDouble(0), scan.path("frequency_hz").asDouble(0) / 1e6);
            series.add(new SeriesImages(new DicomSeries(s.seriesUid(), frame, s.number(), s.protocol(), ImageKind.ORIGINAL, mr), nifti));
        }
        Equipment eq = new Equipment("Lodestone", model, "", "LODESTONE", "", softwareVersion);
        return new ExamRecords(patient, study, eq, series);
    }
}
