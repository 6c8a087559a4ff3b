package org.lodestone.scan;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lodestone.calibration.store.CalibrationProfile;
import org.lodestone.calibration.store.CalibrationStore;
import org.lodestone.calibration.store.Entry;
import org.lodestone.hw.program.DeviceProgram;
import org.lodestone.hw.program.Trapezoid;
import org.lodestone.seq.compile.SequenceCompiler;
import org.lodestone.seq.limits.UnitProfile;
import org.lodestone.seq.model.Sequence;
import org.lodestone.seq.protocol.ProtocolLibrary;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The scan's program comes from the one compile step with the stored gradient scale, applied exactly once. */
class PrescanCompileTest {
    private final UnitProfile unit = UnitProfile.PLANNING;
    private final double[] stored = {1.006, 0.993, 1.002};

    @Test
    void theScanProgramCarriesTheStoredScaleOnce(@TempDir Path dir) throws Exception {
        CalibrationStore store = new CalibrationStore(dir.resolve("store"));
        Entry[] e = new Entry[3];
        for (int a = 0; a < 3; a++) e[a] = new Entry(stored[a], 1e-4, "", Instant.now(), 30, "t", "gradients");
        store.record(Map.of(CalibrationProfile.GRADIENT_SCALE[0], e[0], CalibrationProfile.GRADIENT_SCALE[1], e[1],
                CalibrationProfile.GRADIENT_SCALE[2], e[2]), "t", "gradients");
        Sequence planned = ProtocolLibrary.find("tse2d").orElseThrow().build(Map.of("tilt_read", 15.0, "tilt_phase", 10.0), unit).sequence();
        DeviceProgram nominal = SequenceCompiler.compile(planned, unit);
        DeviceProgram scan = new Prescan(Optional.of(store)).compile(planned, unit);
        DeviceProgram uncalibrated = new Prescan(Optional.empty()).compile(planned, unit);
        int checked = 0;
        for (int b = 0; b < nominal.blocks().size(); b++) {
            for (int a = 0; a < 3; a++) {
                Trapezoid n = (Trapezoid) nominal.blocks().get(b).gradient(a);
                if (n == null || n.amplitudeHzPerM() == 0) continue;
                double s = ((Trapezoid) scan.blocks().get(b).gradient(a)).amplitudeHzPerM();
                // once: n/scale; the old path (scaled by the prescan, then again by a scaling compile) would give n/scale²
                assertThat(s / n.amplitudeHzPerM()).as("block %d axis %d", b, a).isCloseTo(1 / stored[a], within(1e-9));
                assertThat(((Trapezoid) uncalibrated.blocks().get(b).gradient(a)).amplitudeHzPerM()).isEqualTo(n.amplitudeHzPerM());
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(100);
    }

    @Test
    void anUnreadableStoreStopsTheScanWithOneLine(@TempDir Path dir) throws Exception {
        CalibrationStore store = new CalibrationStore(dir.resolve("store"));
        store.record(Map.of(CalibrationProfile.GRADIENT_SCALE[0], new Entry(1.01, 1e-4, "", Instant.now(), 30, "t", "gradients")), "t", "g");
        try (var files = Files.walk(dir.resolve("store"))) {
            for (Path p : files.filter(Files::isRegularFile).toList()) Files.writeString(p, "{ not json");
        }
        Sequence planned = ProtocolLibrary.find("se2d").orElseThrow().build(Map.of(), unit).sequence();
        assertThatThrownBy(() -> new Prescan(Optional.of(store)).compile(planned, unit)).isInstanceOf(ScanException.class)
                .hasMessageStartingWith("the calibration store is unreadable").hasMessageNotContaining("Exception");
    }
}
