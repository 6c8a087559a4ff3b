package org.lodestone.console.cli;

import org.lodestone.dicom.export.ExamExporter;
import org.lodestone.dicom.export.ExportedInstance;
import org.lodestone.dicom.model.ExamRecords;
import org.lodestone.workflow.Workflow;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;

/** Export an exam as DICOM (MR Image Storage, one object per slice) or NIfTI. */
@Command(name = "export", mixinStandardHelpOptions = true, description = "Export an exam as DICOM files or NIfTI.")
public final class ExportCommand extends WorkflowCommand {
    @Mixin StudyOptions study;
    @Mixin DicomOptions dicom;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Target target;

    static final class Target {
        @Option(names = "--dicom", required = true, paramLabel = "DIR", description = "Write DICOM files here.") Path dicom;
        @Option(names = "--nifti", required = true, paramLabel = "DIR", description = "Write NIfTI files here.") Path nifti;
    }

    @Option(names = "--anonymize", description = "De-identify (DICOM basic profile: no names, IDs, dates of birth; new UIDs).")
    boolean anonymize;

    ExportCommand() {
        super(r -> true, "export exams");
    }

    @Override
    int run(WorkflowAccess.Session session) throws Exception {
        Workflow w = session.workflow();
        ExamRecords exam = study.resolve(w);
        ExamExporter exporter = new ExamExporter(dicom.aeTitle, DicomOptions.audit(w, session.actor()));
        if (target.dicom != null) {
            List<ExportedInstance> out = exporter.exportDicom(exam, target.dicom, anonymize);
            System.out.printf("study %s: %d DICOM objects%s in %s%n", exam.study().studyUid(), out.size(),
                    anonymize ? " (anonymized, new UIDs)" : "", target.dicom.toAbsolutePath());
        } else {
            if (anonymize) throw new IllegalArgumentException("--anonymize applies to --dicom; NIfTI files carry no patient data");
            List<Path> out = exporter.exportNifti(exam, target.nifti);
            System.out.printf("study %s: %d NIfTI files in %s%n", exam.study().studyUid(), out.size(), target.nifti.toAbsolutePath());
        }
        return 0;
    }
}
