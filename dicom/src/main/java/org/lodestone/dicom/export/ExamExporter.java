package org.lodestone.dicom.export;

import org.lodestone.dicom.model.ExamRecords;
import org.lodestone.dicom.model.SeriesImages;
import org.lodestone.recon.image.ImageVolume;
import org.lodestone.recon.image.NiftiReader;
import org.lodestone.recon.image.NiftiWriter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Exports an exam as DICOM (one MR object per slice, optionally de-identified) or as NIfTI (one file per series). */
public final class ExamExporter {
    private final MrImageWriter writer;
    private final AuditSink audit;

    public ExamExporter(String ourAeTitle, AuditSink audit) {
        this.writer = new MrImageWriter(ourAeTitle);
        this.audit = Objects.requireNonNull(audit, "audit");
    }

    public List<ExportedInstance> exportDicom(ExamRecords exam, Path dir, boolean anonymize) throws IOException {
        ExamRecords e = anonymize ? new Deidentifier().apply(exam) : exam;
        List<ExportedInstance> all = new ArrayList<>();
        for (SeriesImages s : e.series()) {
            ImageVolume v = NiftiReader.read(s.nifti());
            all.addAll(writer.write(v, e.patient(), e.study(), s.series(), e.equipment(), anonymize, dir));
        }
        audit.record(anonymize ? "export-dicom-anonymized" : "export-dicom", exam.study().studyUid(),
                all.size() + " objects to " + dir.toAbsolutePath()
                        + (anonymize ? " as study " + e.study().studyUid() : ""));
        return all;
    }

    public List<Path> exportNifti(ExamRecords exam, Path dir) throws IOException {
        Files.createDirectories(dir);
        List<Path> out = new ArrayList<>();
        for (SeriesImages s : exam.series()) {
            Path target = dir.resolve("series" + s.series().number() + ".nii");
            NiftiWriter.write(target, NiftiReader.read(s.nifti()));
            out.add(target);
        }
        audit.record("export-nifti", exam.study().studyUid(), out.size() + " files to " + dir.toAbsolutePath());
        return out;
    }
}
