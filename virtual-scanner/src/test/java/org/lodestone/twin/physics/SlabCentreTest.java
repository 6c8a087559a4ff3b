package org.lodestone.twin.physics;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.lodestone.hw.program.DeviceProgram;
import org.lodestone.seq.compile.SequenceCompiler;
import org.lodestone.seq.limits.UnitProfile;
import org.lodestone.seq.protocol.ProtocolLibrary;
import org.lodestone.twin.device.TwinCapabilities;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * A 3D slab's partition centre as the twin reads it: from the ADC phase ramp across the partitions (less the
 * excitations' phases), the alias nearest the excited slab; 0 for a slab at the isocentre. Program analysis only (no
 * simulation): the truth is built around this centre (ImageGeometryOnTheTwinTest checks it against images.nii).
 */
class SlabCentreTest {
    private static final UnitProfile UNIT = UnitProfile.from(TwinCapabilities.create(200).limits());

    @ParameterizedTest
    @CsvSource({"gre3d, 0", "gre3d, 6", "gre3d, -14", "gre3d, 30", "tse3d, 6"})
    void thePartitionsPhasesCentreTheSlab(String protocol, double positionMm) throws Exception {
        Map<String, Double> p = new HashMap<>(Map.of("matrix", 32.0, "partitions", 4.0, "fov", 220.0, "slice_thickness", 40.0,
                "tilt_read", 15.0, "offset_phase", -10.0, "slice_position", positionMm));
        if (protocol.equals("tse3d")) p.put("etl", 4.0);
        DeviceProgram program = SequenceCompiler.compile(ProtocolLibrary.find(protocol).orElseThrow().build(p, UNIT).sequence(), UNIT);
        ProgramAnalysis a = new ProgramAnalysis(program);
        assertThat(a.geometry().is3d()).isTrue();
        assertThat(a.slicePositionM()).isCloseTo(positionMm * 1e-3, within(1e-6));
        // 30 mm is beyond half the 40 mm partition field of view: the phases alone say −10 mm, the excited slab 30
        assertThat(a.geometry().partitionCentreM()).as("%s at %.0f mm", protocol, positionMm).isCloseTo(positionMm * 1e-3, within(1e-9));
        assertThat(a.geometry().phaseCentreM()).isCloseTo(-10e-3, within(1e-9));
    }
}
