package org.lodestone.console.cli;

import org.lodestone.calibration.gradient.GradientScaleCorrection;
import org.lodestone.calibration.run.ProgramRunner;
import org.lodestone.calibration.store.CalibrationStore;
import org.lodestone.calibration.suite.CalibrationSuite;
import org.lodestone.hw.gpio.ArmRefused;
import org.lodestone.hw.gpio.Armed;
import org.lodestone.hw.gpio.Arming;
import org.lodestone.scan.unit.UnitConnection;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A calibration suite on the unit, armed through the interlocks for its whole run (calibrate, mobile
 * requalify): calibration transmits like a scan, and each program checks it still is armed (a trip
 * mid-run stops every routine after it). Closing it drops the enables.
 */
record ArmedSuite(Armed armed, ProgramRunner runner, CalibrationSuite suite) implements AutoCloseable {

    /** Arms the unit and builds the suite; empty, with the reason given to {@code refused}, when the interlocks say no. */
    static Optional<ArmedSuite> arm(UnitConnection unit, CalibrationStore store, String operator, Path out, Consumer<String> refused)
            throws IOException {
        Armed armed;
        try {
            armed = unit.arm();
        } catch (ArmRefused e) {
            refused.accept(e.getMessage());
            return Optional.empty();
        }
        try {
            ProgramRunner runner = new ProgramRunner(unit.session(), unit.profile(), Arming.within(armed),
                    GradientScaleCorrection.from(store)); // the stored scale, applied in the compile step
            return Optional.of(new ArmedSuite(armed, runner,
                    new CalibrationSuite(runner, store, operator, out, unit.capabilities().nominalLarmorHz())));
        } catch (IOException | RuntimeException e) {
            armed.close(); // the output folder could not be made: nothing plays, so the enables go down now
            throw e;
        }
    }

    @Override
    public void close() {
        armed.close();
    }
}
