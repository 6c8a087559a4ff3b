package org.lodestone.twin.physics;

import org.junit.jupiter.api.Test;
import org.lodestone.hw.program.AdcWindow;
import org.lodestone.hw.program.DeviceProgram;
import org.lodestone.hw.program.ProgramBlock;
import org.lodestone.seq.compile.SequenceCompiler;
import org.lodestone.seq.geometry.SliceOrientation;
import org.lodestone.seq.limits.UnitProfile;
import org.lodestone.seq.protocol.ProtocolLibrary;
import org.lodestone.twin.TestRecon;
import org.lodestone.twin.device.TwinCapabilities;
import org.lodestone.twin.phantom.EllipsoidPhantom;
import org.lodestone.twin.phantom.Phantom;
import org.lodestone.twin.phantom.Tissue;
import org.lodestone.twin.truth.TruthVolume;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * A double-oblique slice is excited where the gradients put it: the sheet's normal is the full slice-select gradient
 * vector, its isochromats lie on that plane, and the truth carries the plan's directions and centre. The image is
 * compared with the phantom's own section on the planned plane and on the axial plane through the same centre (what
 * the twin imaged when it took the strongest gradient axis as the slice axis): it must look like the oblique one.
 * In process, noiseless, 64².
 */
class ObliqueSheetTest {
    private static final UnitProfile UNIT = UnitProfile.from(TwinCapabilities.create(200).limits());

    @Test
    void aDoubleObliqueSliceIsImagedOnItsPlaneAndItsTruthSaysWhere() throws Exception {
        double tiltRead = -20, tiltPhase = 25, positionMm = 30;
        int n = 64;
        DeviceProgram p = SequenceCompiler.compile(ProtocolLibrary.find("se2d").orElseThrow().build(Map.of("matrix", (double) n,
                "fov", 220.0, "tilt_read", tiltRead, "tilt_phase", tiltPhase, "slice_position", positionMm), UNIT).sequence(), UNIT);
        SliceOrientation plan = SliceOrientation.oblique(0, tiltRead, tiltPhase);
        ProgramAnalysis analysis = new ProgramAnalysis(p);
        assertThat(degrees(analysis.sliceNormal(), plan.slice())).as("sheet normal vs plan (°)").isLessThan(0.01);
        assertThat(degrees(analysis.geometry().readDir(), plan.read())).as("read direction (°)").isLessThan(0.01);
        assertThat(degrees(analysis.geometry().phaseDir(), plan.phase())).as("phase direction (°)").isLessThan(0.01);

        HiddenParameters hp = HiddenParameters.ideal(1);
        Phantom head = EllipsoidPhantom.head();
        try (ScannerModel model = new ScannerModel(hp, head, 0, 2)) {
            ScanSimulation sim = model.newScan(p, AcquisitionSettings.at(hp.trueLarmorHz()), 0);
            List<SimulatedLine> lines = sim.runAll();
            TruthVolume truth = sim.truth();
            double[] image = TestRecon.flatten(TestRecon.rss(lines, n, n, model.coils().channels()));
            double rTruth = TestRecon.pearson(image, toDouble(truth.data()));
            double normalDeg = degrees(truth.sliceDir(), plan.slice());
            double[] centre = truth.positionLps();
            double[] planned = scaled(plan.slice(), positionMm);
            double centreMm = Math.sqrt(sq(centre[0] - planned[0]) + sq(centre[1] - planned[1]) + sq(centre[2] - planned[2]));
            // the phantom's section (proton density at each voxel centre) on the planned plane and on the axial one
            double[] oblique = section(head, truth, truth.readDir(), truth.phaseDir());
            double[] axial = section(head, truth, new double[] {Math.signum(truth.readDir()[0]), 0, 0},
                    new double[] {0, Math.signum(truth.phaseDir()[1]), 0});
            double rOblique = TestRecon.pearson(image, oblique), rAxial = TestRecon.pearson(image, axial);
            System.out.printf("se2d 64² tilted %.0f°/%.0f° at %.0f mm: truth normal %.4f° and centre %.4f mm from the plan; "
                            + "Pearson vs truth %.4f, vs the phantom's oblique section %.4f, its axial section %.4f%n",
                    tiltRead, tiltPhase, positionMm, normalDeg, centreMm, rTruth, rOblique, rAxial);
            assertThat(normalDeg).isLessThan(1);
            assertThat(centreMm).isLessThan(1);
            assertThat(degrees(truth.readDir(), plan.read())).isLessThan(1);
            assertThat(degrees(truth.phaseDir(), plan.phase())).isLessThan(1);
            assertThat(rTruth).isGreaterThan(0.95);
            assertThat(rOblique).isGreaterThan(rAxial + 0.05);
        }
    }

    @Test
    void anObliqueSlabIsPartitionEncodedAlongItsNormal() throws Exception {
        double tiltRead = 12, tiltPhase = -10;
        DeviceProgram p = SequenceCompiler.compile(ProtocolLibrary.find("gre3d").orElseThrow().build(Map.of("matrix", 32.0,
                "partitions", 8.0, "tilt_read", tiltRead, "tilt_phase", tiltPhase), UNIT).sequence(), UNIT);
        SliceOrientation plan = SliceOrientation.oblique(0, tiltRead, tiltPhase);
        ProgramAnalysis a = new ProgramAnalysis(p);
        assertThat(a.geometry().is3d()).isTrue();
        assertThat(degrees(a.sliceNormal(), plan.slice())).isLessThan(0.01);
        assertThat(a.geometry().nPartition()).isEqualTo(8);
        HiddenParameters hp = HiddenParameters.ideal(1);
        try (ScannerModel model = new ScannerModel(hp, EllipsoidPhantom.head(), 0, 2)) {
            ScanSimulation sim = model.newScan(p, AcquisitionSettings.at(hp.trueLarmorHz()), 0);
            sim.runAll();
            TruthVolume truth = sim.truth();
            assertThat(truth.nz()).isEqualTo(8);
            assertThat(degrees(truth.sliceDir(), plan.slice())).isLessThan(0.01);
            assertThat(degrees(truth.readDir(), plan.read())).isLessThan(0.01);
            // the slab's centre (index nz/2) at the isocentre
            double[] c = truth.positionLps(), d = truth.sliceDir();
            double off = 0;
            for (int ax = 0; ax < 3; ax++) off += sq(c[ax] + truth.nz() / 2 * truth.dzMm() * d[ax]);
            assertThat(Math.sqrt(off)).isLessThan(1e-6);
        }
    }

    @Test
    void anAxialProgramKeepsItsUnitAxes() throws Exception {
        DeviceProgram p = SequenceCompiler.compile(ProtocolLibrary.find("se2d").orElseThrow().build(Map.of("matrix", 32.0,
                "slice_position", 12.0), UNIT).sequence(), UNIT);
        ProgramAnalysis a = new ProgramAnalysis(p);
        assertThat(a.sliceNormal()).containsExactly(0, 0, 1);
        assertThat(a.sliceAxis()).isEqualTo(2);
        assertThat(a.slicePositionM()).isCloseTo(0.012, within(1e-6));
        assertThat(a.inPlaneBasis()[0]).containsExactly(1, 0, 0);
        assertThat(a.inPlaneBasis()[1]).containsExactly(0, 1, 0);
    }

    @Test
    void anAdcFrequencyOffsetMovesTheImageCentreAlongReadAndTheTruthFollows() throws Exception {
        int n = 32;
        DeviceProgram base = SequenceCompiler.compile(ProtocolLibrary.find("se2d").orElseThrow().build(Map.of("matrix", (double) n,
                "fov", 220.0, "tilt_read", 15.0), UNIT).sequence(), UNIT);
        ProgramAnalysis.Geometry g = new ProgramAnalysis(base).geometry();
        double shiftM = 0.02;
        double offsetHz = g.dkRead() / (base.blocks().stream().filter(b -> b.adc() != null).findFirst().orElseThrow().adc().dwellNs() * 1e-9)
                * shiftM;
        List<ProgramBlock> blocks = new ArrayList<>();
        for (ProgramBlock b : base.blocks()) {
            AdcWindow a = b.adc();
            blocks.add(a == null ? b : new ProgramBlock(b.durationTicks(), b.rf(), b.gx(), b.gy(), b.gz(),
                    new AdcWindow(a.delayTicks(), a.samples(), a.dwellNs(), a.phaseRad(), offsetHz, a.counters(), a.flags())));
        }
        DeviceProgram p = new DeviceProgram(base.tickNs(), blocks);
        assertThat(new ProgramAnalysis(p).geometry().readCentreM()).isCloseTo(shiftM, within(1e-9));
        HiddenParameters hp = HiddenParameters.ideal(1);
        try (ScannerModel model = new ScannerModel(hp, EllipsoidPhantom.head(), 0, 2)) {
            ScanSimulation sim = model.newScan(p, AcquisitionSettings.at(hp.trueLarmorHz()), 0);
            double[] image = TestRecon.flatten(TestRecon.rss(sim.runAll(), n, n, model.coils().channels()));
            TruthVolume truth = sim.truth();
            double r = TestRecon.pearson(image, toDouble(truth.data()));
            double alongRead = ProgramAnalysis.dot(truth.positionLps(), g.readDir());
            System.out.printf("se2d 32² tilted 15° with the ADC %.1f Hz off: truth centre %.3f mm along read, Pearson vs truth %.4f%n",
                    offsetHz, alongRead, r);
            assertThat(alongRead).isCloseTo(1e3 * shiftM, within(0.01));
            assertThat(r).isGreaterThan(0.95);
        }
    }

    /** Proton density at each voxel centre of the truth's grid, its in-plane directions replaced by {@code read}, {@code phase}. */
    private static double[] section(Phantom phantom, TruthVolume t, double[] read, double[] phase) {
        double[] out = new double[t.nx() * t.ny()];
        for (int y = 0; y < t.ny(); y++) {
            for (int x = 0; x < t.nx(); x++) {
                double[] r = new double[3];
                for (int ax = 0; ax < 3; ax++) {
                    r[ax] = (t.positionLps()[ax] + (x - t.nx() / 2) * t.dxMm() * read[ax] + (y - t.ny() / 2) * t.dyMm() * phase[ax]) * 1e-3;
                }
                Tissue tissue = phantom.tissueAt(r[0], r[1], r[2]);
                out[y * t.nx() + x] = tissue == null ? 0 : tissue.protonDensity();
            }
        }
        return out;
    }

    private static double degrees(double[] a, double[] b) {
        double c = Math.abs(a[0] * b[0] + a[1] * b[1] + a[2] * b[2]) / Math.sqrt(ProgramAnalysis.dot(a, a) * ProgramAnalysis.dot(b, b));
        return Math.toDegrees(Math.acos(Math.min(1, c)));
    }

    private static double[] scaled(double[] v, double f) {
        return new double[] {v[0] * f, v[1] * f, v[2] * f};
    }

    private static double sq(double v) {
        return v * v;
    }

    private static double[] toDouble(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) d[i] = f[i];
        return d;
    }
}
