package org.lodestone.console.cli;

import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/**
 * What a command that failed says to the operator: the exception's own message where it is a sentence; for the
 * file-system exceptions, whose message is only a path, what is wrong with that path; never a class name.
 */
final class OperatorSentence {
    private OperatorSentence() {
    }

    static String of(Throwable ex) {
        if (ex instanceof FileSystemException f) return ofFile(f);
        if (ex.getMessage() != null && !ex.getMessage().isBlank()) return ex.getMessage();
        return "the command failed unexpectedly; the log (logs/lodestone.log in the data directory) has the detail";
    }

    private static String ofFile(FileSystemException f) {
        String file = f.getFile();
        return switch (f) {
            case NoSuchFileException e -> "no such file or folder: " + file;
            case FileAlreadyExistsException e -> file + " is in the way: it exists and is not a folder; choose another path";
            case NotDirectoryException e -> file + " is not a folder";
            case AccessDeniedException e -> "not allowed to write or read " + file + "; choose a path you may write to";
            default -> file + (f.getReason() != null ? ": " + f.getReason() : ": cannot be used");
        };
    }
}
