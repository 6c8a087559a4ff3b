package org.lodestone.hw.program;

import org.lodestone.hw.wire.ProtocolException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class ProgramCodecTest {
    @Test
    void roundTripsEveryEventKind() throws Exception {
        RfPulse rf = new RfPulse(10, 250.0, 0.5, 12.0, 100, new float[] {0.1f, 1f, 0.1f}, RfPulse.Use.EXCITATION);
        Trapezoid g = new Trapezoid(0, 100, 300, 100, 4.2e4);
        AdcWindow adc = new AdcWindow(100, 128, 50_000, 0, 0, new AdcCounters(5, 0, 1, 0, 0, 0, 0, 0, 0), 0);
        DeviceProgram p = new DeviceProgram(100, List.of(new ProgramBlock(1000, rf, g, null, g, adc), ProgramBlock.delay(5000)));
        DeviceProgram q = ProgramCodec.decode(ProgramCodec.encode(p));
        assertThat(q.blocks()).hasSize(2);
        ProgramBlock b = q.blocks().getFirst();
        assertThat(b.rf().shape()).containsExactly(0.1f, 1f, 0.1f);
        assertThat(b.gx()).isEqualTo(g);
        assertThat(b.gy()).isNull();
        assertThat(b.adc()).isEqualTo(adc);
        assertThat(q.durationTicks()).isEqualTo(6000);
    }

    @Test
    void truncatedImageIsAProtocolError() {
        DeviceProgram p = new DeviceProgram(100, List.of(ProgramBlock.delay(10)));
        byte[] img = ProgramCodec.encode(p);
        byte[] cut = java.util.Arrays.copyOf(img, img.length - 3);
        assertThatThrownBy(() -> ProgramCodec.decode(cut)).isInstanceOf(ProtocolException.class)
                .hasMessageContaining("payload ends");
    }

    @Test
    void trapezoidAreaMatchesGeometry() {
        Trapezoid t = new Trapezoid(0, 100, 300, 100, 1000);
        // (300 + 100) ticks × 100 ns × 1000 Hz/m
        assertThat(t.totalArea(100)).isCloseTo(400 * 100e-9 * 1000, within(1e-12));
        assertThat(t.areaUntil(50, 100)).isCloseTo(1000 * 50 * 50 / 200.0 * 100e-9, within(1e-12));
    }

    @Test
    void roundTripsSampledGradientsAndPhaseModulatedRf() throws Exception {
        RfPulse rf = new RfPulse(0, 300.0, 0.1, 0, 10, new float[] {0.5f, 1f, 0.5f}, RfPulse.Use.EXCITATION,
                new float[] {0f, 1.5f, -3f});
        SampledGradient s = new SampledGradient(20, 100, new float[] {0f, 1e4f, 2.5e4f, 2.5e4f, 0f});
        Trapezoid t = new Trapezoid(0, 100, 0, 100, -3e3);
        DeviceProgram p = new DeviceProgram(100, List.of(new ProgramBlock(1000, rf, s, t, s, null)));
        ProgramBlock b = ProgramCodec.decode(ProgramCodec.encode(p)).blocks().getFirst();
        assertThat(b.rf().phaseShape()).containsExactly(0f, 1.5f, -3f);
        assertThat(b.gx()).isEqualTo(s).isInstanceOf(SampledGradient.class);
        assertThat(b.gy()).isEqualTo(t);
        assertThat(b.gz()).isEqualTo(s);
        RfPulse real = new RfPulse(0, 1, 0, 0, 1, new float[] {1f}, RfPulse.Use.OTHER);
        ProgramBlock r = ProgramCodec.decode(ProgramCodec.encode(
                new DeviceProgram(100, List.of(new ProgramBlock(10, real, null, null, null, null))))).blocks().getFirst();
        assertThat(r.rf().phaseShape()).isNull();
    }

    @Test
    void badGradientKindAndOldFormatAreClearErrors() {
        SampledGradient s = new SampledGradient(0, 10, new float[] {0f, 1f});
        byte[] img = ProgramCodec.encode(new DeviceProgram(100, List.of(ProgramBlock.delay(10),
                new ProgramBlock(100, null, null, s, null, null))));
        // header 14 bytes, block 0: 9 bytes, block 1: 8 duration + 1 mask, then the gy kind byte
        int kindAt = 14 + 9 + 9;
        assertThat(img[kindAt]).isEqualTo((byte) 1);
        byte[] bad = img.clone();
        bad[kindAt] = 7;
        assertThatThrownBy(() -> ProgramCodec.decode(bad)).isInstanceOf(ProtocolException.class)
                .hasMessage("device program: block 1 gy has unknown kind 7");
        byte[] v1 = img.clone();
        v1[4] = 1;
        assertThatThrownBy(() -> ProgramCodec.decode(v1)).isInstanceOf(ProtocolException.class)
                .hasMessageContaining("unsupported format 1 (this unit reads format 2)");
        byte[] flat = ProgramCodec.encode(new DeviceProgram(100, List.of(
                new ProgramBlock(100, null, new SampledGradient(0, 10, new float[] {0f, 1f}), null, null, null))));
        // a NaN point: the model refuses it, and the codec names the block
        java.nio.ByteBuffer.wrap(flat).order(java.nio.ByteOrder.LITTLE_ENDIAN).putFloat(flat.length - 4, Float.NaN);
        assertThatThrownBy(() -> ProgramCodec.decode(flat)).isInstanceOf(ProtocolException.class)
                .hasMessage("device program: block 0: gradient point 1 is not finite");
    }

    @Test
    void sampledGradientIsPiecewiseLinearOnTheRaster() {
        Trapezoid t = new Trapezoid(30, 100, 300, 100, 1000);
        SampledGradient s = new SampledGradient(30, 100, new float[] {0f, 1000f, 1000f, 1000f, 1000f, 0f});
        for (double at = 0; at <= 600; at += 7.5) {
            assertThat(s.valueAt(at)).as("G at %s", at).isCloseTo(t.valueAt(at), within(1e-9));
            assertThat(s.areaUntil(at, 100)).as("area at %s", at).isCloseTo(t.areaUntil(at, 100), within(1e-12));
        }
        assertThat(s.endTicks()).isEqualTo(t.endTicks());
        assertThat(s.peakSlewHzPerMPerTick()).isEqualTo(t.peakSlewHzPerMPerTick());
        assertThat(s.isConstantOver(140, 420)).isTrue();
        assertThat(s.isConstantOver(100, 420)).isFalse();
        assertThat(s.isConstantOver(0, 25)).isTrue();
        assertThatThrownBy(() -> new SampledGradient(0, 10, new float[] {1f})).hasMessageContaining("at least 2 points");
    }

    @Test
    void phaseShapeMustMatchTheMagnitude() {
        assertThatThrownBy(() -> new RfPulse(0, 1, 0, 0, 1, new float[] {1f, 1f}, RfPulse.Use.OTHER, new float[] {0f}))
                .hasMessage("RF phase shape has 1 samples, the magnitude 2");
        // a constant phase does not change the flip; a full-turn ramp cancels it
        RfPulse flat = new RfPulse(0, 1000, 0, 0, 10, new float[] {1f, 1f, 1f, 1f}, RfPulse.Use.OTHER, new float[] {2f, 2f, 2f, 2f});
        assertThat(flat.areaTurns(100)).isCloseTo(4 * 1000 * 1e-6, within(1e-12));
        float[] ramp = {0f, (float) (Math.PI / 2), (float) Math.PI, (float) (1.5 * Math.PI)};
        RfPulse turned = new RfPulse(0, 1000, 0, 0, 10, new float[] {1f, 1f, 1f, 1f}, RfPulse.Use.OTHER, ramp);
        assertThat(turned.areaTurns(100)).isCloseTo(0, within(1e-9));
    }
}
