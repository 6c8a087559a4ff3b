package org.lodestone.console.service.seqview;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lodestone.console.cli.LodestoneCli;
import org.lodestone.seq.limits.UnitProfile;
import org.lodestone.seq.model.Block;
import org.lodestone.seq.model.Gradient;
import org.lodestone.seq.model.Sequence;
import org.lodestone.seq.protocol.ProtocolLibrary;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue #17: {@code seq plot protocol:se2d --from 0 --to 0.2} draws the RF pulses, gradient trapezoids and
 * ADC windows. The lane model must hold exactly the blocks' events in the range, and the PNG the command
 * writes must be coloured in each lane where, and only where, an event of that lane is on.
 */
class SequenceLanesTest {
    static final double FROM = 0, TO = 0.2;
    /** The first two repetitions are dummies without phase encoding; 1.2 s reaches the imaging lines' Gy. */
    static final double LONG = 1.2;

    @Test
    void theLanesHoldEveryEventOfTheRange() throws Exception {
        Sequence se = se2d();
        for (double to : new double[] {TO, LONG}) {
            SequenceLanes m = SequenceLanes.of(se, FROM, to);
            List<List<double[]>> expected = events(se, to);
            for (int lane = 0; lane < 5; lane++) {
                List<SequenceLanes.Shape> shapes = m.lanes().get(lane).shapes();
                String name = m.lanes().get(lane).name() + " up to " + to + " s";
                assertEquals(expected.get(lane).size(), shapes.size(), name);
                for (int i = 0; i < shapes.size(); i++) {
                    assertEquals(expected.get(lane).get(i)[0], shapes.get(i).start(), 1e-9, name + " event " + i);
                    assertEquals(expected.get(lane).get(i)[1], shapes.get(i).end(), 1e-9, name + " event " + i);
                }
                // every lane has events in the longer range; the first 200 ms is a dummy repetition: no phase encoding, no ADC
                if (to == LONG || (lane != SequenceLanes.GY && lane != SequenceLanes.ADC)) assertTrue(!shapes.isEmpty(), name + " has no events");
            }
        }
    }

    @Test
    void theLongerRangeIsDrawnWhereItsEventsAre() throws Exception {
        Sequence se = se2d();
        SequenceLanes m = SequenceLanes.of(se, FROM, LONG);
        assertDrawnWhereEventsAre(SequenceLanesPng.render(m), m, events(se, LONG));
        for (int lane = 0; lane < 5; lane++) assertTrue(!m.lanes().get(lane).shapes().isEmpty(), "lane " + lane);
    }

    @Test
    void theCommandDrawsEachLaneWhereItsEventsAre(@TempDir Path tmp) throws Exception {
        Path png = tmp.resolve("se2d.png");
        LodestoneCli.Run r = new LodestoneCli(tmp.resolve("data")).run("seq", "plot", "protocol:se2d", "--from", "0", "--to", "0.2",
                "--out", png.toString());
        assertEquals(0, r.exit(), r.output());
        BufferedImage img = ImageIO.read(png.toFile());
        Sequence se = se2d();
        assertDrawnWhereEventsAre(img, SequenceLanes.of(se, FROM, TO), events(se, TO));
    }

    /** Every event of every lane is drawn (some coloured pixel over its time), and nothing is drawn away from them. */
    private static void assertDrawnWhereEventsAre(BufferedImage img, SequenceLanes m, List<List<double[]>> expected) {
        for (int lane = 0; lane < 5; lane++) {
            int stray = 0;
            for (int px = SequenceLanesPng.LEFT + 1; px < SequenceLanesPng.LEFT + SequenceLanesPng.WAVE_W; px++) {
                double[] nearest = nearestEdgePx(m, expected.get(lane), px);
                if (nearest[0] == 0 && nearest[1] > 2 && coloured(img, px, lane)) stray++;
            }
            assertEquals(0, stray, "lane " + lane + ": columns coloured away from its events");
            for (double[] e : expected.get(lane)) {
                int a = (int) Math.floor(Math.max(SequenceLanesPng.LEFT + 1, SequenceLanesPng.x(m, e[0]) - 1));
                int b = (int) Math.ceil(Math.min(SequenceLanesPng.LEFT + SequenceLanesPng.WAVE_W - 1, SequenceLanesPng.x(m, e[1]) + 1));
                boolean drawn = false;
                for (int px = a; px <= b && !drawn; px++) drawn = coloured(img, px, lane);
                assertTrue(drawn, "lane " + lane + ": the event at " + e[0] + "–" + e[1] + " s is not drawn");
            }
        }
    }

    /** Start and end (s) of each lane's events overlapping [FROM, TO], walked from the blocks. */
    private static List<List<double[]>> events(Sequence se, double to) {
        List<List<double[]>> out = new ArrayList<>();
        for (int i = 0; i < 5; i++) out.add(new ArrayList<>());
        double t0 = 0;
        for (Block b : se.blocks()) {
            if (t0 > to) break;
            if (t0 + b.duration() >= FROM) {
                if (b.rf() != null) out.get(0).add(new double[] {t0 + b.rf().delay(), t0 + b.rf().end()});
                for (int a = 0; a < 3; a++) {
                    Gradient g = b.gradient(a);
                    if (g != null) out.get(1 + a).add(new double[] {t0 + g.waveform().times()[0], t0 + g.waveform().end()});
                }
                if (b.adc() != null) out.get(4).add(new double[] {t0 + b.adc().delay(), t0 + b.adc().end()});
            }
            t0 += b.duration();
        }
        return out;
    }

    /** {inside any event ? 1 : 0, distance in px to the nearest event edge}. */
    private static double[] nearestEdgePx(SequenceLanes m, List<double[]> ev, int px) {
        boolean inside = false;
        double d = Double.MAX_VALUE;
        for (double[] e : ev) {
            double a = SequenceLanesPng.x(m, e[0]), b = SequenceLanesPng.x(m, e[1]);
            if (px >= a && px <= b) inside = true;
            d = Math.min(d, Math.min(Math.abs(px - a), Math.abs(px - b)));
        }
        return new double[] {inside ? 1 : 0, d};
    }

    /** Any pixel of the lane's band in this column that is clearly coloured (not white, grey or black). */
    private static boolean coloured(BufferedImage img, int px, int lane) {
        int top = SequenceLanesPng.laneTop(lane);
        for (int y = top + 1; y < top + SequenceLanesPng.LANE_H - 1; y++) {
            int c = img.getRGB(px, y), r = (c >> 16) & 255, g = (c >> 8) & 255, b = c & 255;
            if (Math.max(r, Math.max(g, b)) - Math.min(r, Math.min(g, b)) > 40) return true;
        }
        return false;
    }

    private static Sequence se2d() throws Exception {
        return ProtocolLibrary.find("se2d").orElseThrow().build(Map.of(), UnitProfile.PLANNING).sequence();
    }
}
