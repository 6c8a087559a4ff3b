package org.lodestone.hw.program;

import org.lodestone.hw.wire.AdcCounters;
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
}
