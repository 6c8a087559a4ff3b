package org.lodestone.dicom.worklist;

import java.util.List;

/** The entries a worklist query returned, and warnings about how their text was decoded. */
public record WorklistResult(List<WorklistEntry> entries, List<String> warnings) {
    public WorklistResult {
        entries = List.copyOf(entries);
        warnings = List.copyOf(warnings);
    }
}
