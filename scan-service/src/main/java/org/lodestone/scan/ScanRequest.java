package org.lodestone.scan;

import java.nio.file.Path;
import java.util.Map;

/**
 * What the operator asked for: a protocol with parameters, where to put the exam's files, and who; the patient's
 * weight (kg) for the SAR check, null when not known (then the conservative default body model applies).
 */
public record ScanRequest(String protocol, Map<String, Double> parameters, Path outDir, String operator, Double patientWeightKg) {
    public ScanRequest {
        parameters = Map.copyOf(parameters);
    }

    /** A request without a patient weight. */
    public ScanRequest(String protocol, Map<String, Double> parameters, Path outDir, String operator) {
        this(protocol, parameters, outDir, operator, null);
    }
}
