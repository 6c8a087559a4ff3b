package org.lodestone.console.cli;

import org.lodestone.dicom.model.DicomPatient;
import org.lodestone.dicom.model.ExamRecords;
import org.lodestone.dicom.source.ScanFolderStudySource;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Which exam a command works on: a Study Instance UID found under the exams folders, or a scan folder given with
 * --scan (registered with the patient given here the first time). Until the workflow database is joined, exams
 * are scan folders.
 */
final class StudyOptions {
    @Parameters(index = "0", arity = "0..1", paramLabel = "STUDY_UID", description = "Study Instance UID of the exam.")
    String studyUid;

    @Option(names = "--scan", paramLabel = "DIR", description = "A scan output folder (lodestone scan --out DIR) instead of a UID.")
    Path scan;

    @Option(names = "--exams", paramLabel = "DIR", description = "Where to look for exams (default: LODESTONE_HOME/exams).")
    List<Path> exams = new ArrayList<>();

    @Option(names = "--patient-name", paramLabel = "FAMILY^GIVEN", description = "With --scan, first time: the patient's name.")
    String patientName;

    @Option(names = "--patient-id", paramLabel = "ID", description = "With --scan, first time: the patient ID.")
    String patientId;

    @Option(names = "--birth-date", paramLabel = "YYYY-MM-DD", description = "With --scan, first time: date of birth.")
    String birthDate;

    @Option(names = "--sex", paramLabel = "M|F|O", description = "With --scan, first time: sex.")
    String sex;

    @Option(names = "--accession", paramLabel = "NUMBER", description = "With --scan, first time: accession number.")
    String accession;

    ExamRecords resolve(String softwareVersion) throws IOException {
        if ((studyUid == null) == (scan == null)) {
            throw new IllegalArgumentException("name the exam: give its STUDY_UID or --scan DIR (one of them)");
        }
        List<Path> roots = new ArrayList<>(exams);
        if (roots.isEmpty()) roots.add(Main.DataDirectory.get().resolve("exams"));
        ScanFolderStudySource source = new ScanFolderStudySource(roots, softwareVersion);
        if (scan != null) {
            LocalDate birth = null;
            if (birthDate != null) {
                try {
                    birth = LocalDate.parse(birthDate);
                } catch (DateTimeParseException e) {
                    throw new IllegalArgumentException("--birth-date '" + birthDate + "' is not YYYY-MM-DD");
                }
            }
            DicomPatient patient = new DicomPatient(patientId == null ? "UNKNOWN" : patientId,
                    patientName == null ? "UNKNOWN^" : patientName, birth, sex == null ? "" : sex.toUpperCase());
            ScanFolderStudySource.register(scan, patient, accession);
            return source.read(scan);
        }
        return source.find(studyUid).orElseThrow(() -> new IllegalArgumentException("no exam with Study UID " + studyUid
                + " under " + roots + "; give the folder with --exams or --scan"));
    }
}
