package org.lodestone.seq.protocol;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.lodestone.seq.compile.SequenceCompiler;
import org.lodestone.seq.geometry.SliceOrientation;
import org.lodestone.seq.limits.LimitCheck;
import org.lodestone.seq.limits.UnitProfile;
import org.lodestone.seq.model.Block;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Double-oblique slices on se2d, gre2d and gre3d: the sequence stays within the unit's limits and
 * compiles (every rotated lobe a trapezoid), the gradient moment at every echo is the line's k-space
 * point rotated into the unit's axes, and the geometry (what the MRD headers carry) has the oblique
 * plane's directions and centre.
 */
class ObliqueProtocolsTest {
    private final UnitProfile unit = UnitProfile.PLANNING;

    @ParameterizedTest
    @ValueSource(strings = {"se2d", "gre2d", "gre3d"})
    void obliqueGeometryIsCarriedByTheGradientsAndTheHeaders(String name) throws Exception {
        Map<String, Double> asked = new HashMap<>(Map.of("orientation", 1.0, "tilt_read", 25.0, "tilt_phase", -10.0,
                "slice_position", 12.0, "matrix", 64.0));
        if (name.equals("gre3d")) asked.put("partitions", 8.0);
        BuiltProtocol b = ProtocolLibrary.find(name).orElseThrow().build(asked, unit);
        assertThat(LimitCheck.check(b.sequence(), unit)).isEmpty();
        SequenceCompiler.compile(b.sequence(), unit);

        SliceOrientation o = SliceOrientation.oblique(1, 25, -10);
        assertThat(o.isAxisAligned()).isFalse();
        int n = 64, parts = name.equals("gre3d") ? 8 : 1;
        double dk = 1 / (b.parameters().get("fov") * 1e-3), dkz = 1 / (b.parameters().get("slice_thickness") * 1e-3);
        boolean sawObliqueLobe = false;
        for (Block x : b.sequence().blocks()) {
            int axes = 0;
            for (int a = 0; a < 3; a++) if (x.gradient(a) != null) axes++;
            sawObliqueLobe |= axes == 3;
        }
        int echoes = EchoMoments.walk(b.sequence(), (x, atEcho) -> {
            double[] expected = o.toPhysical(0, (x.adc().counters().line() - n / 2) * dk,
                    parts == 1 ? 0 : (x.adc().counters().partition() - parts / 2) * dkz);
            for (int a = 0; a < 3; a++) {
                assertThat(atEcho[a]).as("%s axis %d, line %d partition %d", name, a, x.adc().counters().line(),
                        x.adc().counters().partition()).isCloseTo(expected[a], within(1e-3 * dk));
            }
        });
        assertThat(echoes).isEqualTo(b.expectedLines()).isEqualTo(n * parts);
        assertThat(sawObliqueLobe).as("lobes on all three axes").isTrue();

        ScanGeometry g = b.geometry();
        double centreMm = 12.0;
        for (int s = 0; s < g.slices(); s++) {
            ScanGeometry.SlicePlane plane = g.plane(s);
            assertThat(plane.readDir()).containsExactly(o.read(), within(1e-12));
            assertThat(plane.phaseDir()).containsExactly(o.phase(), within(1e-12));
            assertThat(plane.sliceDir()).containsExactly(o.slice(), within(1e-12));
            // a slab (gre3d) is centred on its position; a single slice is there
            for (int a = 0; a < 3; a++) assertThat(plane.positionLps()[a]).isCloseTo(o.slice()[a] * centreMm, within(1e-9));
        }
    }
}
