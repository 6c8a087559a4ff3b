package org.lodestone.workflow.care;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;

/** Whether a scan's raw data and images fit on the disk with 5 % to spare. */
public final class DiskSpace {
    /** Below this share of the disk free, a low-disk warning is raised. */
    public static final double LOW_FRACTION = 0.10;

    private DiskSpace() {
    }

    public record Check(boolean fits, boolean low, long usableBytes, long neededBytes, String reason) {
    }

    /** {@code dir} or its nearest existing parent decides which disk. */
    public static Check check(Path dir, long neededBytes) {
        Path p = dir.toAbsolutePath();
        while (p != null && !Files.exists(p)) p = p.getParent();
        try {
            FileStore fs = Files.getFileStore(p);
            long usable = fs.getUsableSpace(), total = fs.getTotalSpace();
            long withSpare = (long) Math.ceil(neededBytes * 1.05);
            boolean fits = usable >= withSpare;
            boolean low = usable - neededBytes < total * LOW_FRACTION;
            String reason = fits ? null : String.format("not enough disk space in %s: the scan needs %.1f MB with 5 %% to spare, %.1f MB are free",
                    dir, withSpare / 1e6, usable / 1e6);
            return new Check(fits, low, usable, neededBytes, reason);
        } catch (IOException e) {
            return new Check(false, true, 0, neededBytes, "cannot read the free space of " + dir + ": " + e.getMessage());
        }
    }
}
