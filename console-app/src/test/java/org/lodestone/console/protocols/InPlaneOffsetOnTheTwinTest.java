package org.lodestone.console.protocols;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lodestone.console.cli.Main;
import org.lodestone.recon.image.ImageMetrics;
import org.lodestone.recon.image.ImageVolume;
import org.lodestone.recon.image.NiftiReader;
import org.lodestone.seq.geometry.SliceOrientation;
import picocli.CommandLine;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Issue #16's in-plane offset on real parts (the twin as a child behind a socat pty pair at speed 0, raw.mrd, the
 * reconstruction, images.nii): se2d 48² over 240 mm once centred and once with {@code offset_read=20},
 * {@code offset_phase=-15}. The offset image matches the twin's truth, whose centre is the plan's, and images.nii's
 * centre is the plan's; the head moves within the image by minus the offset (the field of view moved, not the head), so
 * in patient coordinates it stays where it was. Where the pixels lie is read with images.nii's own geometry (issue #16:
 * its read and phase directions are the ones its pixels run, as truth.nii's, which the twin checks against its phantom in
 * ObliqueSheetTest).
 */
class InPlaneOffsetOnTheTwinTest {
    private static final double READ_MM = 20, PHASE_MM = -15;

    @TempDir
    static Path tmp;
    static ImageVolume centred, centredTruth, moved, movedTruth;

    @BeforeAll
    static void scan() throws Exception {
        Path plain = scan("centred");
        centred = NiftiReader.read(plain.resolve("images.nii"));
        centredTruth = NiftiReader.read(plain.resolve("truth/truth.nii"));
        Path out = scan("moved", "--param", "offset_read=" + READ_MM, "--param", "offset_phase=" + PHASE_MM);
        moved = NiftiReader.read(out.resolve("images.nii"));
        movedTruth = NiftiReader.read(out.resolve("truth/truth.nii"));
    }

    private static Path scan(String name, String... more) {
        Path out = tmp.resolve(name);
        List<String> args = new ArrayList<>(List.of("scan", "--protocol", "se2d", "--param", "matrix=48", "--param", "fov=240",
                "--out", out.toString(), "--sim-truth", out.resolve("truth").toString(), "--sim-speed", "0", "--sim-seed", "5",
                "--operator", "test"));
        args.addAll(List.of(more));
        int code = new CommandLine(new Main()).execute(args.toArray(String[]::new));
        assertThat(code).as("scan %s exit status", name).isZero();
        return out;
    }

    @Test
    void theImageMatchesItsTruthAndBothSitWhereThePlanSays() {
        double r = ImageMetrics.pearson(moved.data(), movedTruth.data());
        double[] planned = SliceOrientation.AXIAL.toPhysical(READ_MM, PHASE_MM, 0);
        double imageMm = distance(moved.positionLps(), planned), truthMm = distance(movedTruth.positionLps(), planned);
        System.out.printf("se2d 48² offset read %+.0f phase %+.0f mm: Pearson vs truth %.4f; image centre %.4f mm, truth centre %.4f mm "
                + "from the plan's%n", READ_MM, PHASE_MM, r, imageMm, truthMm);
        assertThat(r).isGreaterThanOrEqualTo(0.97);
        assertThat(imageMm).as("images.nii centre vs plan (mm)").isLessThan(0.01);
        assertThat(truthMm).as("truth centre vs plan (mm)").isLessThan(1);
    }

    @Test
    void imagesNiiStatesTheTruthsAffine() {
        ImageGeometryOnTheTwinTest.assertSameAffine("se2d axial, centred", centred, centredTruth);
        ImageGeometryOnTheTwinTest.assertSameAffine("se2d axial, offset read +20 phase -15 mm", moved, movedTruth);
    }

    @Test
    void theHeadMovesInTheImageByMinusTheOffsetAndStaysPutInThePatient() {
        assertThat(ImageMetrics.pearson(centred.data(), centredTruth.data())).isGreaterThanOrEqualTo(0.97);
        double[] c0 = centreOfMass(centred, false), c1 = centreOfMass(moved, false);
        double[] w0 = centreOfMass(centred, true), w1 = centreOfMass(moved, true);
        double[] t0 = centreOfMass(centredTruth, true), t1 = centreOfMass(movedTruth, true);
        double pixel = moved.dxMm();
        double[] offset = SliceOrientation.AXIAL.toPhysical(READ_MM, PHASE_MM, 0);
        System.out.printf("centre of mass from the image centre: centred %s, moved %s mm; in patient coordinates %s vs %s mm%n",
                fmt(c0), fmt(c1), fmt(w0), fmt(w1));
        System.out.printf("directions of increasing index: images.nii read %s phase %s, truth.nii read %s phase %s%n",
                fmt(moved.readDir()), fmt(moved.phaseDir()), fmt(movedTruth.readDir()), fmt(movedTruth.phaseDir()));
        System.out.printf("truth.nii's centre of mass in patient coordinates: centred %s, moved %s mm%n", fmt(t0), fmt(t1));
        for (int ax = 0; ax < 3; ax++) {
            assertThat(c1[ax] - c0[ax]).as("shift within the image, axis %d (mm)", ax).isCloseTo(-offset[ax], within(pixel));
            assertThat(w1[ax]).as("patient position, axis %d (mm)", ax).isCloseTo(w0[ax], within(pixel));
            assertThat(w1[ax]).as("images.nii vs truth.nii patient position, axis %d (mm)", ax).isCloseTo(t1[ax], within(pixel));
        }
        assertThat(Math.hypot(c1[0] - c0[0], c1[1] - c0[1])).as("it did move").isGreaterThan(20);
    }

    /**
     * Intensity-weighted centre (LPS mm) of the image's voxels above a fifth of its maximum, placed with the image's own
     * geometry: from the image centre, or in patient coordinates.
     */
    private static double[] centreOfMass(ImageVolume v, boolean patient) {
        ImageVolume grid = v;
        float[] d = v.data();
        float max = 0;
        for (float x : d) max = Math.max(max, x);
        double[] sum = new double[3];
        double w = 0;
        double[] r = grid.readDir(), p = grid.phaseDir(), o = patient ? grid.positionLps() : new double[3];
        for (int y = 0; y < v.ny(); y++) {
            for (int x = 0; x < v.nx(); x++) {
                double s = d[y * v.nx() + x];
                if (s < max / 5) continue;
                double a = (x - v.nx() / 2) * grid.dxMm(), b = (y - v.ny() / 2) * grid.dyMm();
                for (int ax = 0; ax < 3; ax++) sum[ax] += s * (o[ax] + a * r[ax] + b * p[ax]);
                w += s;
            }
        }
        return new double[] {sum[0] / w, sum[1] / w, sum[2] / w};
    }

    private static double distance(double[] a, double[] b) {
        return Math.sqrt(Math.pow(a[0] - b[0], 2) + Math.pow(a[1] - b[1], 2) + Math.pow(a[2] - b[2], 2));
    }

    private static String fmt(double[] v) {
        return String.format("(%.2f, %.2f, %.2f)", v[0], v[1], v[2]);
    }
}
