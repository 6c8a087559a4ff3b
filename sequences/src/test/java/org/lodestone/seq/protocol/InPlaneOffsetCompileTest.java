package org.lodestone.seq.protocol;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.lodestone.hw.program.AdcWindow;
import org.lodestone.hw.program.DeviceProgram;
import org.lodestone.hw.program.ProgramBlock;
import org.lodestone.hw.program.ProgramCodec;
import org.lodestone.seq.compile.SequenceCompiler;
import org.lodestone.seq.geometry.SliceOrientation;
import org.lodestone.seq.limits.UnitProfile;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * offset_read / offset_phase through the one compile step: every ADC of the device program demodulates at
 * G_read·offset_read and turns its phase by 2π·k_phase·offset_phase for its line (on top of whatever phase it had, such
 * as RF spoiling), the echo sample's phase kept for spins at the offset; the headers' centres move by the offset along
 * read and phase; without offsets the program is the one it always was.
 */
class InPlaneOffsetCompileTest {
    private static final UnitProfile UNIT = UnitProfile.PLANNING;
    private static final double READ_MM = 20, PHASE_MM = -15, FOV_MM = 240;
    private static final int N = 32, PARTITIONS = 4;
    private static final double SLAB_MM = 6, SLAB_THICKNESS_MM = 40;

    @ParameterizedTest
    @ValueSource(strings = {"se2d", "gre2d", "tse2d", "bssfp", "gre3d"})
    void everyLineDemodulatesAtTheOffset(String name) throws Exception {
        Map<String, Double> base = base(name);
        Map<String, Double> moved = new HashMap<>(base);
        moved.put("offset_read", READ_MM);
        moved.put("offset_phase", PHASE_MM);
        Protocol protocol = ProtocolLibrary.find(name).orElseThrow();
        BuiltProtocol plain = protocol.build(base, UNIT), shifted = protocol.build(moved, UNIT);
        List<AdcWindow> before = adcs(SequenceCompiler.compile(plain.sequence(), UNIT));
        List<AdcWindow> after = adcs(SequenceCompiler.compile(shifted.sequence(), UNIT));
        assertThat(after).hasSameSizeAs(before).hasSize(plain.expectedLines());
        double dk = 1 / (FOV_MM * 1e-3);
        for (int i = 0; i < after.size(); i++) {
            AdcWindow a = after.get(i), b = before.get(i);
            double dwell = a.dwellNs() * 1e-9;
            double gRead = 1 / (FOV_MM * 1e-3 * dwell);
            double f = gRead * READ_MM * 1e-3;
            assertThat(a.frequencyOffsetHz()).as("%s ADC %d frequency", name, i).isCloseTo(b.frequencyOffsetHz() + f, within(1e-6 * f));
            double ky = (a.counters().line() - N / 2) * dk;
            double expected = b.phaseRad() + 2 * Math.PI * (ky * PHASE_MM * 1e-3 - f * (a.samples() / 2 + 0.5) * dwell);
            assertThat(Math.IEEEremainder(a.phaseRad() - expected, 2 * Math.PI)).as("%s ADC %d (line %d) phase", name, i, a.counters().line())
                    .isCloseTo(0, within(1e-6));
        }
        // the lines' phases differ by 2π·Δk·offset: a ramp across k_phase, not a constant
        AdcWindow centre = line(after, N / 2), next = line(after, N / 2 + 1);
        AdcWindow centre0 = line(before, N / 2), next0 = line(before, N / 2 + 1);
        double step = (next.phaseRad() - next0.phaseRad()) - (centre.phaseRad() - centre0.phaseRad());
        assertThat(Math.IEEEremainder(step - 2 * Math.PI * dk * PHASE_MM * 1e-3, 2 * Math.PI)).isCloseTo(0, within(1e-6));

        ScanGeometry g0 = plain.geometry(), g1 = shifted.geometry();
        SliceOrientation o = SliceOrientation.oblique(1, 20, -10);
        double[] shift = o.toPhysical(READ_MM, PHASE_MM, 0);
        for (int s = 0; s < g1.slices(); s++) {
            for (int ax = 0; ax < 3; ax++) {
                assertThat(g1.plane(s).positionLps()[ax]).as("%s slice %d centre", name, s).isCloseTo(g0.plane(s).positionLps()[ax] + shift[ax], within(1e-9));
            }
        }
        for (int ax = 0; ax < 3; ax++) assertThat(g1.positionLps()[ax]).isCloseTo(g0.positionLps()[ax] + shift[ax], within(1e-9));
    }

    /**
     * A 3D slab off the isocentre: every ADC's phase also turns by 2π·k_partition·slice_position for its partition (over
     * the in-plane offsets' phases, the receiver frequency untouched), so the partition field of view is centred on the
     * slab; the headers stay on the slab's centre. 2D programs at a slice position get no such term.
     */
    @ParameterizedTest
    @ValueSource(strings = {"gre3d", "tse3d"})
    void aSlabOffTheIsocentreTurnsEveryPartitionsPhase(String name) throws Exception {
        Map<String, Double> centred = base(name);
        centred.put("offset_read", READ_MM);
        centred.put("offset_phase", PHASE_MM);
        Map<String, Double> moved = new HashMap<>(centred);
        moved.put("slice_position", SLAB_MM);
        Protocol protocol = ProtocolLibrary.find(name).orElseThrow();
        BuiltProtocol plain = protocol.build(centred, UNIT), shifted = protocol.build(moved, UNIT);
        List<AdcWindow> before = adcs(SequenceCompiler.compile(plain.sequence(), UNIT));
        List<AdcWindow> after = adcs(SequenceCompiler.compile(shifted.sequence(), UNIT));
        assertThat(after).hasSameSizeAs(before).hasSize(plain.expectedLines());
        double dkz = 1 / (SLAB_THICKNESS_MM * 1e-3);
        java.util.Set<Double> turns = new java.util.TreeSet<>();
        for (int i = 0; i < after.size(); i++) {
            AdcWindow a = after.get(i), b = before.get(i);
            assertThat(a.counters()).isEqualTo(b.counters());
            assertThat(a.frequencyOffsetHz()).as("%s ADC %d frequency", name, i).isEqualTo(b.frequencyOffsetHz());
            double kz = (a.counters().partition() - PARTITIONS / 2) * dkz;
            double turn = Math.IEEEremainder(a.phaseRad() - b.phaseRad(), 2 * Math.PI);
            assertThat(Math.IEEEremainder(turn - 2 * Math.PI * kz * SLAB_MM * 1e-3, 2 * Math.PI))
                    .as("%s ADC %d (partition %d) phase", name, i, a.counters().partition()).isCloseTo(0, within(1e-6));
            turns.add(Math.rint(turn * 1e6) / 1e6 + 0.0); // -0.0 and 0.0 are one turn
        }
        assertThat(turns).as("one turn per partition, not a constant").hasSize(PARTITIONS);
        for (int ax = 0; ax < 3; ax++) {
            assertThat(shifted.geometry().positionLps()[ax]).as("%s slab centre", name)
                    .isCloseTo(plain.geometry().positionLps()[ax] + SLAB_MM * SliceOrientation.oblique(1, 20, -10).slice()[ax], within(1e-9));
        }

        Map<String, Double> sheet = new HashMap<>(base("gre2d"));
        BuiltProtocol flat = ProtocolLibrary.find("gre2d").orElseThrow().build(sheet, UNIT);
        sheet.put("slice_position", SLAB_MM);
        BuiltProtocol flatMoved = ProtocolLibrary.find("gre2d").orElseThrow().build(sheet, UNIT);
        List<AdcWindow> f0 = adcs(SequenceCompiler.compile(flat.sequence(), UNIT)), f1 = adcs(SequenceCompiler.compile(flatMoved.sequence(), UNIT));
        for (int i = 0; i < f0.size(); i++) assertThat(f1.get(i).phaseRad()).as("gre2d ADC %d phase", i).isEqualTo(f0.get(i).phaseRad());
    }

    @Test
    void aCentredSlabKeepsItsPhases() throws Exception {
        Map<String, Double> zero = new HashMap<>(base("gre3d"));
        zero.put("slice_position", 0.0);
        BuiltProtocol a = ProtocolLibrary.find("gre3d").orElseThrow().build(base("gre3d"), UNIT);
        BuiltProtocol b = ProtocolLibrary.find("gre3d").orElseThrow().build(zero, UNIT);
        assertThat(ProgramCodec.encode(SequenceCompiler.compile(b.sequence(), UNIT)))
                .isEqualTo(ProgramCodec.encode(SequenceCompiler.compile(a.sequence(), UNIT)));
        // RF spoiling's phase alone: the receiver follows the excitation, no ramp across the partitions
        DeviceProgram program = SequenceCompiler.compile(b.sequence(), UNIT);
        double rfPhase = Double.NaN;
        for (ProgramBlock blk : program.blocks()) {
            if (blk.rf() != null) rfPhase = blk.rf().phaseRad();
            if (blk.adc() != null) assertThat(Math.IEEEremainder(blk.adc().phaseRad() - rfPhase, 2 * Math.PI)).isCloseTo(0, within(1e-9));
        }
    }

    @Test
    void withoutOffsetsTheProgramIsUnchanged() throws Exception {
        Protocol se = ProtocolLibrary.find("se2d").orElseThrow();
        Map<String, Double> zero = new HashMap<>(base("se2d"));
        zero.put("offset_read", 0.0);
        zero.put("offset_phase", 0.0);
        BuiltProtocol a = se.build(base("se2d"), UNIT), b = se.build(zero, UNIT);
        // the encoded device program, byte for byte
        assertThat(ProgramCodec.encode(SequenceCompiler.compile(b.sequence(), UNIT)))
                .isEqualTo(ProgramCodec.encode(SequenceCompiler.compile(a.sequence(), UNIT)));
        for (AdcWindow w : adcs(SequenceCompiler.compile(b.sequence(), UNIT))) {
            assertThat(w.frequencyOffsetHz()).isZero();
            assertThat(w.phaseRad()).isZero();
        }
        assertThat(b.geometry().positionLps()).containsExactly(a.geometry().positionLps());
    }

    @Test
    void anOffsetBeyondHalfTheFieldOfViewIsRefused() {
        Map<String, Double> p = new HashMap<>(base("se2d"));
        p.put("offset_read", FOV_MM / 2 + 1);
        assertThatThrownBy(() -> ProtocolLibrary.find("se2d").orElseThrow().build(p, UNIT)).isInstanceOf(ParameterException.class)
                .hasMessageContaining("half the field of view").extracting(e -> ((ParameterException) e).parameter()).isEqualTo("offset_read");
        p.put("offset_read", 0.0);
        p.put("offset_phase", -(FOV_MM / 2 + 1));
        assertThatThrownBy(() -> ProtocolLibrary.find("se2d").orElseThrow().build(p, UNIT))
                .extracting(e -> ((ParameterException) e).parameter()).isEqualTo("offset_phase");
    }

    private static Map<String, Double> base(String name) {
        Map<String, Double> p = new HashMap<>(Map.of("matrix", (double) N, "fov", FOV_MM, "orientation", 1.0, "tilt_read", 20.0,
                "tilt_phase", -10.0));
        if (name.endsWith("3d")) {
            p.put("partitions", (double) PARTITIONS);
            p.put("slice_thickness", SLAB_THICKNESS_MM);
        }
        if (name.startsWith("tse")) p.put("etl", 4.0);
        return p;
    }

    private static List<AdcWindow> adcs(DeviceProgram program) {
        return program.blocks().stream().map(ProgramBlock::adc).filter(a -> a != null).toList();
    }

    private static AdcWindow line(List<AdcWindow> adcs, int line) {
        return adcs.stream().filter(a -> a.counters().line() == line).findFirst().orElseThrow();
    }
}
