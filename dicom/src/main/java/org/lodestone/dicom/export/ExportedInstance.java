package org.lodestone.dicom.export;

import java.nio.file.Path;

/** One DICOM file written by an export. */
public record ExportedInstance(String sopInstanceUid, String seriesUid, int instanceNumber, Path file) {
}
