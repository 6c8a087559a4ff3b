package org.lodestone.twin.physics;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.lodestone.hw.program.DeviceProgram;
import org.lodestone.seq.compile.SequenceCompiler;
import org.lodestone.seq.geometry.SliceOrientation;
import org.lodestone.seq.limits.UnitProfile;
import org.lodestone.seq.protocol.ProtocolLibrary;
import org.lodestone.twin.TestRecon;
import org.lodestone.twin.device.TwinCapabilities;
import org.lodestone.twin.phantom.EllipsoidPhantom;
import org.lodestone.twin.truth.TruthVolume;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * offset_read / offset_phase as the twin reads them: the centre line's ADC frequency gives the image centre along read,
 * the ADC phase ramp across the lines (less the excitations' phases: RF spoiling) along phase; the truth's centre is the
 * plan's and the image made with those ADC offsets matches it. In process, noiseless, 32².
 */
class InPlaneOffsetTruthTest {
    private static final UnitProfile UNIT = UnitProfile.from(TwinCapabilities.create(200).limits());
    private static final double READ_MM = 20, PHASE_MM = -15;

    private static DeviceProgram program(String protocol, double read, double phase) throws Exception {
        Map<String, Double> p = new HashMap<>(Map.of("matrix", 32.0, "fov", 220.0, "tilt_read", 15.0, "slice_position", 10.0,
                "offset_read", read, "offset_phase", phase));
        return SequenceCompiler.compile(ProtocolLibrary.find(protocol).orElseThrow().build(p, UNIT).sequence(), UNIT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"se2d", "gre2d", "tse2d", "bssfp"})
    void theGeometryReadsBothOffsetsFromTheReceiver(String protocol) throws Exception {
        SliceOrientation o = SliceOrientation.oblique(0, 15, 0);
        ProgramAnalysis.Geometry g = new ProgramAnalysis(program(protocol, READ_MM, PHASE_MM)).geometry();
        // the twin's directions are signed by its own k steps: compare the centre as a point
        double[] centre = new double[3], planned = o.toPhysical(READ_MM, PHASE_MM, 0);
        for (int ax = 0; ax < 3; ax++) centre[ax] = 1e3 * (g.readCentreM() * g.readDir()[ax] + g.phaseCentreM() * g.phaseDir()[ax]);
        for (int ax = 0; ax < 3; ax++) assertThat(centre[ax]).as("%s in-plane centre, axis %d (mm)", protocol, ax).isCloseTo(planned[ax], within(1e-6));
        ProgramAnalysis.Geometry none = new ProgramAnalysis(program(protocol, 0, 0)).geometry();
        assertThat(none.readCentreM()).isZero();
        assertThat(none.phaseCentreM()).isZero();
    }

    @Test
    void theTruthSitsOnTheMovedGridAndTheImageMatchesIt() throws Exception {
        DeviceProgram p = program("se2d", READ_MM, PHASE_MM);
        SliceOrientation o = SliceOrientation.oblique(0, 15, 0);
        HiddenParameters hp = HiddenParameters.ideal(1);
        try (ScannerModel model = new ScannerModel(hp, EllipsoidPhantom.head(), 0, 2)) {
            ScanSimulation sim = model.newScan(p, AcquisitionSettings.at(hp.trueLarmorHz()), 0);
            double[] image = TestRecon.flatten(TestRecon.rss(sim.runAll(), 32, 32, model.coils().channels()));
            TruthVolume truth = sim.truth();
            double[] planned = o.toPhysical(READ_MM, PHASE_MM, 10);
            double mm = 0;
            for (int ax = 0; ax < 3; ax++) mm += Math.pow(truth.positionLps()[ax] - planned[ax], 2);
            mm = Math.sqrt(mm);
            float[] t = truth.data();
            double[] td = new double[t.length];
            for (int i = 0; i < t.length; i++) td[i] = t[i];
            double r = TestRecon.pearson(image, td);
            System.out.printf("se2d 32² tilted 15°, offsets read %+.0f phase %+.0f mm: truth centre %.4f mm from the plan, Pearson vs truth %.4f%n",
                    READ_MM, PHASE_MM, mm, r);
            assertThat(mm).isLessThan(1e-3);
            assertThat(r).isGreaterThanOrEqualTo(0.97);
        }
    }
}
