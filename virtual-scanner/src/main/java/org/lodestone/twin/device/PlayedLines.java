package org.lodestone.twin.device;

import org.lodestone.hw.program.DeviceProgram;
import org.lodestone.hw.program.ProgramBlock;
import org.lodestone.hw.wire.EventCode;
import org.lodestone.hw.wire.Message.Event;
import org.lodestone.twin.physics.AcquisitionSettings;
import org.lodestone.twin.physics.ProgramAnalysis;
import org.lodestone.twin.physics.ScanSimulation;
import org.lodestone.twin.physics.SimulatedLine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/** Where a playing program's ADC lines come from: simulated as each block plays, or after a streamed program. */
sealed interface PlayedLines permits PlayedLines.Live, PlayedLines.Deferred {
    Logger log = LoggerFactory.getLogger(PlayedLines.class);

    /** Before the first block: amplifiers up, SCAN_STARTED. */
    void begin();

    /** Plays one block that ends at program time {@code endS}; false if the scan stopped meanwhile. */
    boolean play(ProgramBlock block, boolean rfOn, boolean gradientsOn, double endS);

    /** After the last block played (or the scan stopped): lines still owed. */
    void end();

    /** Always, last. */
    void close();

    /** A whole program: the simulator runs block by block with the play, each line sent when its window has passed. */
    final class Live implements PlayedLines {
        private final ProgramPlayer player;
        private final double startTwin;
        private ScanSimulation sim;
        private boolean anyExcitation;
        private boolean truthWritten;
        /** Truth, for tests: per line {scan counter, program s, twin s, true isocentre Larmor Hz, set frequency Hz}. */
        private final List<double[]> larmorTrack = new ArrayList<>();

        Live(ProgramPlayer player, double startTwin) {
            this.player = player;
            this.startTwin = startTwin;
        }

        @Override
        public void begin() {
            ProgramPlayer.Board board = player.board;
            sim = board.model().newScan(player.program, player.acq, player.index, startTwin);
            board.truth().writeScanParameters(startTwin, sim, player.acq);
            board.amplifiers().enable();
            board.link().send(new Event(EventCode.SCAN_STARTED, board.clock().deviceTimeUs(), "program " + player.programId + ", "
                    + player.program.blocks().size() + " blocks, " + player.program.adcCount() + " ADC windows, "
                    + sim.isochromats() + " isochromats"));
            log.info("Scan {} of program {} started ({} isochromats, speed {})", player.index, player.programId, sim.isochromats(), board.speed());
            for (int b = 0; b < sim.blockCount() && !anyExcitation; b++) anyExcitation = sim.analysis().role(b) == ProgramAnalysis.RfRole.EXCITATION;
        }

        @Override
        public boolean play(ProgramBlock block, boolean rfOn, boolean gradientsOn, double endS) {
            // SET_FREQUENCY / SET_SHIM that arrived during the scan take effect at the next excitation (or
            // inversion): the start of a TR, so an echo is never split between two carriers (any block if the
            // program excites nothing). Deterministic: the same commands before the same block give the same data.
            var role = sim.analysis().role(sim.nextBlock());
            boolean trStart = !anyExcitation || role == ProgramAnalysis.RfRole.EXCITATION || role == ProgramAnalysis.RfRole.INVERSION;
            AcquisitionSettings set = player.board.settings().get(), cur = sim.settings();
            if (trStart && (set.frequencyHz() != cur.frequencyHz() || set.shimXHzPerM() != cur.shimXHzPerM()
                    || set.shimYHzPerM() != cur.shimYHzPerM() || set.shimZHzPerM() != cur.shimZHzPerM())) {
                sim.updateSettings(cur.withFrequency(set.frequencyHz()).withShim(set.shimXHzPerM(), set.shimYHzPerM(), set.shimZHzPerM()));
            }
            SimulatedLine line = sim.simulateNextBlock(rfOn, gradientsOn);
            if (line != null) {
                if (!player.waitUntil(line.endS())) return false;
                larmorTrack.add(new double[] {player.lines(), line.startS(), startTwin + line.startS(),
                        player.board.model().thermal().larmorHz(startTwin + line.startS()), sim.settings().frequencyHz()});
                player.sendLine(line, sim.settings().frequencyHz());
            }
            if (!truthWritten && sim.truth() != null) {
                truthWritten = true;
                player.board.truth().writeImage(sim.truth());
            }
            return true;
        }

        @Override
        public void end() {
            // every line went out as it was played
        }

        @Override
        public void close() {
            player.board.truth().writeLarmorTrack(larmorTrack);
        }
    }

    /**
     * A streamed program. The simulator sets its isochromat grid from the sampling of the whole program
     * (ProgramAnalysis), which a board playing segments never holds at once; so the twin keeps its own copy of
     * the blocks played (not counted as program memory), with the amplifier enables each played with, and
     * computes their lines when play ends: the lines, counters and noise are those of the same program played
     * in one piece, but they reach the host after the last segment.
     */
    final class Deferred implements PlayedLines {
        private final ProgramPlayer player;
        private final double startTwin;
        private final List<ProgramBlock> played = new ArrayList<>();
        private final List<boolean[]> enables = new ArrayList<>();

        Deferred(ProgramPlayer player, double startTwin) {
            this.player = player;
            this.startTwin = startTwin;
        }

        @Override
        public void begin() {
            ProgramPlayer.Board board = player.board;
            board.amplifiers().enable();
            board.link().send(new Event(EventCode.SCAN_STARTED, board.clock().deviceTimeUs(), "program " + player.programId
                    + ", streamed: segment 0 of " + player.program.blocks().size() + " blocks"));
            log.info("Scan {} of streamed program {} started (speed {})", player.index, player.programId, board.speed());
        }

        @Override
        public boolean play(ProgramBlock block, boolean rfOn, boolean gradientsOn, double endS) {
            if (!player.waitUntil(endS)) return false; // stopped inside the block: it was not played
            played.add(block);
            enables.add(new boolean[] {rfOn, gradientsOn});
            return true;
        }

        @Override
        public void end() {
            if (played.isEmpty()) return;
            ScanSimulation sim = player.board.model().newScan(new DeviceProgram(player.program.tickNs(), played), player.acq,
                    player.index, startTwin);
            player.board.truth().writeScanParameters(startTwin, sim, player.acq);
            boolean truthWritten = false;
            for (boolean[] on : enables) {
                SimulatedLine line = sim.simulateNextBlock(on[0], on[1]);
                if (line != null) player.sendLine(line, player.acq.frequencyHz());
                if (!truthWritten && sim.truth() != null) {
                    truthWritten = true;
                    player.board.truth().writeImage(sim.truth());
                }
            }
        }

        @Override
        public void close() {
            // nothing held
        }
    }
}
