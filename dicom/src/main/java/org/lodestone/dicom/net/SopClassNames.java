package org.lodestone.dicom.net;

import java.util.Map;

/** Plain names for the SOP classes we use, for messages. */
final class SopClassNames {
    private static final Map<String, String> NAMES = Map.of(
            "1.2.840.10008.1.1", "verification (echo)",
            "1.2.840.10008.5.1.4.1.1.4", "MR images",
            "1.2.840.10008.5.1.4.31", "worklist queries",
            "1.2.840.10008.3.1.2.3.3", "MPPS (performed procedure step)");

    private SopClassNames() {
    }

    static String describe(String uid) {
        return NAMES.getOrDefault(uid, "SOP class " + uid);
    }
}
