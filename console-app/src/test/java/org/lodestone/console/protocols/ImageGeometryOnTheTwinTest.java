package org.lodestone.console.protocols;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.TagFromName;
import org.lodestone.console.cli.LodestoneCli;
import org.lodestone.recon.image.ImageMetrics;
import org.lodestone.recon.image.ImageVolume;
import org.lodestone.recon.image.NiftiReader;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue #16 on real parts (the twin as a child behind a socat pty pair at speed 0, raw.mrd, the reconstruction,
 * images.nii): images.nii's affine is truth.nii's, within 0.01 mm and 0.01°, for an oblique two-slice se2d with in-plane
 * offsets (exported as DICOM too: every instance valid by dciodvfy, its Image Position and Orientation placing each pixel
 * where images.nii and truth.nii place it)
 * and a small gre3d slab 6 mm off the isocentre with in-plane offsets (the partition axis is Fourier-encoded too: the
 * partitions' ADC phases centre its field of view on the slab, where its headers say it is). The pixels already matched the
 * truth; before the fix the read and phase (and partition) directions pointed against them. The axial se2d with offsets
 * is checked in {@link InPlaneOffsetOnTheTwinTest}, the localizer's planes in {@code LocalizerPlanesOnTheTwinTest}.
 */
class ImageGeometryOnTheTwinTest {
    static final double MM = 0.01, DEGREES = 0.01;

    @TempDir
    static Path tmp;
    static LodestoneCli cli;
    static Path oblique, slab;

    @BeforeAll
    static void scan() throws Exception {
        cli = new LodestoneCli(tmp.resolve("home"));
        assertThat(cli.run("patient", "add", "--id", "G1", "--name", "Geometry^Test", "--weight", "70").exit()).isZero();
        oblique = scan("oblique", "--patient", "G1", "--protocol", "se2d", "--param", "matrix=32", "--param", "fov=240",
                "--param", "slices=2", "--param", "orientation=1", "--param", "tilt_read=20", "--param", "tilt_phase=-12",
                "--param", "offset_read=15", "--param", "offset_phase=-10", "--param", "slice_position=8");
        slab = scan("slab", "--protocol", "gre3d", "--param", "matrix=32", "--param", "partitions=8", "--param", "fov=240",
                "--param", "offset_read=12", "--param", "offset_phase=-9", "--param", "slice_position=6");
    }

    static Path scan(String name, String... more) {
        Path out = tmp.resolve(name);
        List<String> args = new ArrayList<>(List.of("scan"));
        args.addAll(List.of(more));
        args.addAll(List.of("--out", out.toString(), "--sim-truth", out.resolve("truth").toString(), "--sim-speed", "0",
                "--sim-seed", "3"));
        LodestoneCli.Run run = cli.run(args.toArray(String[]::new));
        assertThat(run.exit()).as("scan %s: %s", name, run.output()).isZero();
        return out;
    }

    @Test
    void anObliqueSliceWithInPlaneOffsetsStatesTheTruthsAffine() throws Exception {
        assertSameAffine("se2d oblique", oblique);
    }

    @Test
    void theDicomInstancesPlaceEveryPixelWhereImagesNiiAndTheTruthDo() throws Exception {
        LodestoneCli.Run exams = cli.run("exams", "--json");
        JsonNode exam = new ObjectMapper().readTree(exams.out().substring(exams.out().indexOf('['))).get(0);
        Path dcm = tmp.resolve("dcm");
        LodestoneCli.Run export = cli.run("export", exam.path("study_uid").asText(), "--dicom", dcm.toString());
        assertThat(export.exit()).as(export.output()).isZero();
        List<Path> files;
        try (Stream<Path> s = Files.list(dcm)) {
            files = s.sorted().toList();
        }
        assertThat(files).hasSize(2);
        ImageVolume image = NiftiReader.read(oblique.resolve("images.nii")), truth = NiftiReader.read(oblique.resolve("truth/truth.nii"));
        double worst = 0;
        for (Path f : files) {
            Process p = new ProcessBuilder("dciodvfy", f.toString()).redirectErrorStream(true).start();
            List<String> lines = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
            p.waitFor();
            assertThat(lines).as("dciodvfy %s", f).noneMatch(l -> l.startsWith("Error"));
            AttributeList l = new AttributeList();
            l.read(f.toFile());
            int z = Attribute.getSingleIntegerValueOrDefault(l, TagFromName.InstanceNumber, 0) - 1;
            double[] ipp = Attribute.getDoubleValues(l, TagFromName.ImagePositionPatient);
            double[] iop = Attribute.getDoubleValues(l, TagFromName.ImageOrientationPatient);
            double[] ps = Attribute.getDoubleValues(l, TagFromName.PixelSpacing);
            for (int[] ij : new int[][] {{0, 0}, {31, 0}, {0, 31}, {7, 19}}) {
                double[] dicom = new double[3];
                for (int k = 0; k < 3; k++) dicom[k] = ipp[k] + ij[0] * ps[1] * iop[k] + ij[1] * ps[0] * iop[3 + k];
                worst = Math.max(worst, distance(dicom, voxel(image, ij[0], ij[1], z)));
                worst = Math.max(worst, distance(dicom, voxel(truth, ij[0], ij[1], z)));
            }
        }
        System.out.printf("se2d oblique, 2 DICOM instances: pixels placed %.4f mm at worst from images.nii and truth.nii%n", worst);
        assertThat(worst).as("DICOM pixel positions vs images.nii and truth.nii (mm)").isLessThan(MM);
    }

    @Test
    void aThreeDimensionalSlabStatesTheTruthsAffineWithItsPartitionAxis() throws Exception {
        assertSameAffine("gre3d 32²×8, 6 mm off the isocentre", slab);
    }

    static void assertSameAffine(String what, Path scan) throws Exception {
        ImageVolume image = NiftiReader.read(scan.resolve("images.nii")), truth = NiftiReader.read(scan.resolve("truth/truth.nii"));
        assertSameAffine(what, image, truth);
    }

    /** Same grid, the same direction of every index axis and the same first voxel: the pixels sit at the same points. */
    static void assertSameAffine(String what, ImageVolume image, ImageVolume truth) {
        assertThat(new int[] {image.nx(), image.ny(), image.nz()}).as(what + " matrix").containsExactly(truth.nx(), truth.ny(), truth.nz());
        double r = ImageMetrics.pearson(image.data(), truth.data());
        double[][] a = {image.readDir(), image.phaseDir(), image.sliceDir()}, b = {truth.readDir(), truth.phaseDir(), truth.sliceDir()};
        double[] angles = new double[3];
        for (int i = 0; i < 3; i++) angles[i] = angleDegrees(a[i], b[i]);
        double first = distance(firstVoxel(image), firstVoxel(truth));
        System.out.printf("%s: Pearson vs truth %.4f; angle read %.4f°, phase %.4f°, slice %.4f°; first voxel %.4f mm apart%n",
                what, r, angles[0], angles[1], angles[2], first);
        assertThat(r).as(what + " pixels vs truth").isGreaterThan(0.9);
        assertThat(angles[0]).as(what + " read direction vs truth (°)").isLessThan(DEGREES);
        assertThat(angles[1]).as(what + " phase direction vs truth (°)").isLessThan(DEGREES);
        assertThat(angles[2]).as(what + " slice direction vs truth (°)").isLessThan(DEGREES);
        assertThat(first).as(what + " first voxel vs truth (mm)").isLessThan(MM);
        assertThat(Math.abs(image.dxMm() - truth.dxMm()) + Math.abs(image.dyMm() - truth.dyMm())).as(what + " pixel size").isLessThan(MM);
        if (image.nz() > 1) assertThat(Math.abs(image.dzMm() - truth.dzMm())).as(what + " partition size").isLessThan(MM);
    }

    /** LPS centre of voxel (0, 0, 0): the volume's position is voxel (nx/2, ny/2) of its first slice. */
    static double[] firstVoxel(ImageVolume v) {
        double[] p = v.positionLps(), r = v.readDir(), q = v.phaseDir();
        double[] out = new double[3];
        for (int ax = 0; ax < 3; ax++) out[ax] = p[ax] - (v.nx() / 2) * v.dxMm() * r[ax] - (v.ny() / 2) * v.dyMm() * q[ax];
        return out;
    }

    /** LPS centre of voxel (i, j, z). */
    static double[] voxel(ImageVolume v, int i, int j, int z) {
        double[] f = firstVoxel(v), r = v.readDir(), q = v.phaseDir(), s = v.sliceDir();
        double[] out = new double[3];
        for (int ax = 0; ax < 3; ax++) out[ax] = f[ax] + i * v.dxMm() * r[ax] + j * v.dyMm() * q[ax] + z * v.dzMm() * s[ax];
        return out;
    }

    static double angleDegrees(double[] a, double[] b) {
        double dot = 0, na = 0, nb = 0;
        for (int ax = 0; ax < 3; ax++) {
            dot += a[ax] * b[ax];
            na += a[ax] * a[ax];
            nb += b[ax] * b[ax];
        }
        return Math.toDegrees(Math.acos(Math.max(-1, Math.min(1, dot / Math.sqrt(na * nb)))));
    }

    static double distance(double[] a, double[] b) {
        return Math.sqrt(Math.pow(a[0] - b[0], 2) + Math.pow(a[1] - b[1], 2) + Math.pow(a[2] - b[2], 2));
    }
}
