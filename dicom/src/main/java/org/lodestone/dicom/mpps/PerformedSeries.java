package org.lodestone.dicom.mpps;

import java.util.List;

/** A series performed in the step, for N-SET: its UID, names and the SOP instances (class, instance) it holds. */
public record PerformedSeries(String seriesUid, String description, String protocolName, String operatorName,
                              List<ImageRef> images) {
    public PerformedSeries {
        images = List.copyOf(images);
    }

    /** One referenced image. */
    public record ImageRef(String sopClassUid, String sopInstanceUid) {
    }
}
