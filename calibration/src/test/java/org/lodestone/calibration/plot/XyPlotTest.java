package org.lodestone.calibration.plot;

import org.junit.jupiter.api.Test;

import java.awt.Color;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class XyPlotTest {
    @Test
    void ticksAreRoundAndLabelledWithTheDigitsTheStepNeeds() {
        Ticks t = Ticks.between(-27.3, 181.9, 8);
        assertEquals(20, t.step(), 1e-12);
        assertEquals(-20, t.values().getFirst(), 1e-9);
        assertEquals(180, t.values().getLast(), 1e-9);
        assertEquals("180", t.label(180));
        Ticks ms = Ticks.between(0, 0.2, 10);
        assertEquals(0.02, ms.step(), 1e-15);
        assertEquals("0.14", ms.label(ms.values().get(7)));
        Ticks mhz = Ticks.between(2_129_950.4, 2_130_050.7, 5);
        assertEquals("2130000", mhz.label(2_130_000));
    }

    /** rf.png was degenerate when every pair measured the same angle: a flat series must still get an axis. */
    @Test
    void aFlatSeriesGetsAReadableRange() {
        XyPlot p = new XyPlot("t", "x", "y").points(List.of(new double[] {60, 61.2}, new double[] {60, 61.2}), Color.RED);
        double[] b = p.bounds();
        assertTrue(b[1] - b[0] >= 5 && b[0] < 60 && b[1] > 60, java.util.Arrays.toString(b));
        assertTrue(b[3] - b[2] >= 5 && b[2] < 61.2 && b[3] > 61.2, java.util.Arrays.toString(b));
        assertEquals(900, p.render().getWidth());
    }
}
