package org.lodestone.console.cli;

import org.lodestone.dicom.model.ExamRecords;
import org.lodestone.dicom.source.WorkflowStudySource;
import org.lodestone.workflow.InvalidInputException;
import org.lodestone.workflow.Workflow;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.IOException;

/** Which exam export and send work on: a Study Instance UID of the exam database (see 'lodestone exams'). */
final class StudyOptions {
    @Parameters(index = "0", paramLabel = "STUDY_UID", description = "Study Instance UID of the exam (see 'lodestone exams').")
    String studyUid;

    ExamRecords resolve(Workflow w) throws IOException {
        String version = Main.class.getAnnotation(Command.class).version()[0];
        ExamRecords exam = new WorkflowStudySource(w.exams(), version).find(studyUid)
                .orElseThrow(() -> new InvalidInputException("STUDY_UID", "no exam " + studyUid + " (see: lodestone exams)"));
        if (exam.series().isEmpty()) {
            throw new InvalidInputException("STUDY_UID", "exam " + studyUid + " has no reconstructed images yet");
        }
        return exam;
    }
}
