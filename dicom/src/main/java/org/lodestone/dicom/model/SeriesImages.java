package org.lodestone.dicom.model;

import java.nio.file.Path;
import java.util.Objects;

/** A series and the NIfTI file (from reconstruction) that holds its images. */
public record SeriesImages(DicomSeries series, Path nifti) {
    public SeriesImages {
        Objects.requireNonNull(series, "series");
        Objects.requireNonNull(nifti, "nifti");
    }
}
