package org.lodestone.workflow.exam;

import java.time.Instant;

/** One scan of an exam (a DICOM series). */
public record Series(long id, String seriesUid, int number, String protocol, String parameters, SeriesStatus status,
                     Long linesExpected, long linesReceived, String rawPath, String calibrationVersion, String message,
                     Instant started, Instant ended) {
}
