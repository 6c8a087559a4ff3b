package org.lodestone.console.service.mobile;

import org.lodestone.workflow.exam.Exam;
import org.lodestone.workflow.exam.Exams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * Which exam the window has open, in {@code DATA/mobile/open-exam} (its Study Instance UID, or empty), written
 * whenever it changes (to a temporary file moved over the old one): after a power loss the window opens the same
 * exam again, with its queue from the database, as long as the exam is still open there.
 */
public final class OpenExamMemory {
    private static final Logger log = LoggerFactory.getLogger(OpenExamMemory.class);
    private final Path file;

    public OpenExamMemory(Path dataDir) {
        this.file = dataDir.resolve("mobile").resolve("open-exam");
    }

    /** Remembers the open exam (null: none). A failure is logged, never thrown: the window goes on. */
    public void remember(Exam exam) {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling("open-exam.tmp");
            Files.writeString(tmp, exam == null ? "" : exam.studyUid(), StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            log.warn("the open exam could not be remembered", e);
        }
    }

    /** The exam open before, if it is still open in the database. */
    public Optional<Exam> restore(Exams exams) {
        try {
            if (!Files.exists(file)) return Optional.empty();
            String uid = Files.readString(file, StandardCharsets.UTF_8).trim();
            if (uid.isEmpty()) return Optional.empty();
            Optional<Exam> exam = exams.get(uid).filter(e -> "open".equals(e.status()));
            log.info(exam.isPresent() ? "Window: exam {} open again after a restart" : "Window: exam {} was closed meanwhile", uid);
            return exam;
        } catch (IOException | RuntimeException e) {
            log.warn("the exam open before could not be restored", e);
            return Optional.empty();
        }
    }
}
