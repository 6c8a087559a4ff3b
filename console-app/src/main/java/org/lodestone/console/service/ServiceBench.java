package org.lodestone.console.service;

import org.lodestone.calibration.store.CalibrationStore;
import org.lodestone.calibration.suite.CalibrationSuite;
import org.lodestone.console.service.mobile.TransportMode;

import java.nio.file.Path;

/**
 * What the service bench needs from the console: the calibration store, the mobile unit's state, a way
 * to run routines on the connected unit (armed through its interlocks by whoever implements it), and
 * the audit trail. The window's shell builds one for the service role; tests build one on a twin.
 */
public record ServiceBench(CalibrationStore store, TransportMode mobile, Calibrations calibrations, Audit audit, Path workDir) {
    /** A suite on the connected unit, writing to {@code out}; running it holds the outcomes and the values not yet stored. */
    @FunctionalInterface
    public interface Calibrations {
        CalibrationSuite open(Path out) throws Exception;
    }

    /** One audited action (who is the logged-in service user; the implementation knows). */
    @FunctionalInterface
    public interface Audit {
        void record(String action, String object, java.util.Map<String, String> details);
    }
}
