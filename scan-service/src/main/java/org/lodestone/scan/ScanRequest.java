package org.lodestone.scan;

import java.nio.file.Path;
import java.util.Map;

/** What the operator asked for: a protocol with parameters, where to put the exam's files, and who. */
public record ScanRequest(String protocol, Map<String, Double> parameters, Path outDir, String operator) {
    public ScanRequest {
        parameters = Map.copyOf(parameters);
    }
}
