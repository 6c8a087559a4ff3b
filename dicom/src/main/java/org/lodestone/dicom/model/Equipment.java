package org.lodestone.dicom.model;

import java.util.Objects;

/** Who made the images: manufacturer and model of the unit, the console's station name and software version. */
public record Equipment(String manufacturer, String model, String deviceSerial, String stationName,
                        String institution, String softwareVersion) {
    public Equipment {
        Objects.requireNonNull(manufacturer, "manufacturer");
        Objects.requireNonNull(model, "model");
        deviceSerial = deviceSerial == null ? "" : deviceSerial;
        stationName = stationName == null ? "" : stationName;
        institution = institution == null ? "" : institution;
        softwareVersion = softwareVersion == null ? "" : softwareVersion;
    }
}
