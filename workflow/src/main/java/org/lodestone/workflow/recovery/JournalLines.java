package org.lodestone.workflow.recovery;

import org.lodestone.recon.mrd.MrdFormatException;
import org.lodestone.recon.mrd.MrdStreamReader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Lines in a raw journal (raw.mrd): its complete acquisitions; a torn last message is not counted. */
public final class JournalLines {
    private JournalLines() {
    }

    /** The count, and the reader's note when the stream ended early or was damaged (null when clean). */
    public record Count(long lines, String problem) {
    }

    public static Count count(Path raw) {
        if (raw == null || !Files.isRegularFile(raw)) return new Count(0, "no raw journal at " + raw);
        try {
            MrdStreamReader.Result r = MrdStreamReader.read(raw);
            return new Count(r.acquisitions().size(), r.problem());
        } catch (MrdFormatException e) {
            return new Count(0, "raw journal unreadable: " + e.getMessage());
        } catch (IOException e) {
            return new Count(0, "raw journal unreadable: " + e.getMessage());
        }
    }
}
