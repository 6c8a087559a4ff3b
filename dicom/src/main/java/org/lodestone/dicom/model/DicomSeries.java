package org.lodestone.dicom.model;

import java.util.Objects;

/** A series: UIDs from the workflow database, what kind of images, how they were acquired. */
public record DicomSeries(String seriesUid, String frameOfReferenceUid, int number, String description,
                          ImageKind kind, MrAcquisition acquisition) {
    public DicomSeries {
        Uids.require(seriesUid, "series UID");
        Uids.require(frameOfReferenceUid, "frame of reference UID");
        description = description == null ? "" : description;
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(acquisition, "acquisition");
    }
}
