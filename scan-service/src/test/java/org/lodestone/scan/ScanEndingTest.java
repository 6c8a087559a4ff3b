package org.lodestone.scan;

import org.lodestone.hw.gpio.GpioInput;
import org.lodestone.hw.gpio.InterlockEvent;
import org.lodestone.hw.session.RunResult;
import org.lodestone.hw.session.RunResult.Reason;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** Every ending of an acquisition maps to the status and sentence the operator and scan.json get. */
class ScanEndingTest {
    static final String RAW = "/exams/a/raw.mrd";

    static AcquisitionLoop.Outcome ended(Reason reason, long lines, String detail) {
        return new AcquisitionLoop.Outcome(new RunResult(lines, 64, reason, detail), lines, null, null, null, null);
    }

    @Test
    void allLinesAndDoneIsComplete() {
        ScanEnding e = ScanEnding.of(ended(Reason.COMPLETED, 64, "DONE after 64 lines"), false, 64, RAW);
        assertThat(e.status()).isEqualTo(ScanStatus.COMPLETE);
        assertThat(e.message()).isEqualTo("Scan complete: 64 of 64 lines");
    }

    @Test
    void doneWithLinesMissingIsInterruptedNotComplete() {
        ScanEnding e = ScanEnding.of(ended(Reason.COMPLETED, 60, "DONE after 60 lines"), false, 64, RAW);
        assertThat(e.status()).isEqualTo(ScanStatus.INTERRUPTED);
        assertThat(e.message()).contains("lines missing").contains("60 of 64");
    }

    @Test
    void anAbortTheOperatorAskedForIsAbortedAndAnyOtherIsInterrupted() {
        assertThat(ScanEnding.of(ended(Reason.ABORTED, 10, "aborted"), true, 64, RAW).status()).isEqualTo(ScanStatus.ABORTED);
        ScanEnding unit = ScanEnding.of(ended(Reason.ABORTED, 10, "aborted"), false, 64, RAW);
        assertThat(unit.status()).isEqualTo(ScanStatus.INTERRUPTED);
        assertThat(unit.message()).contains(RAW);
    }

    @Test
    void aLostLinkAndAnUnderrunAreInterruptedWithTheirReason() {
        ScanEnding lost = ScanEnding.of(ended(Reason.LINK_LOST, 20, "the virtual scanner process ended"), false, 64, RAW);
        assertThat(lost.status()).isEqualTo(ScanStatus.INTERRUPTED);
        assertThat(lost.message()).contains("lost the unit: the virtual scanner process ended").contains("20 of 64")
                .contains("lines received are kept");
        ScanEnding under = ScanEnding.of(ended(Reason.UNDERRUN, 30, "program underrun: segment 3 late"), false, 64, RAW);
        assertThat(under.status()).isEqualTo(ScanStatus.INTERRUPTED);
        assertThat(under.message()).contains("program underrun");
    }

    @Test
    void anInterlockTripWinsOverTheOperatorsAbortAndNamesTheInput() {
        InterlockEvent door = new InterlockEvent(GpioInput.DOOR_CLOSED, Instant.now(), "door open (DOOR_CLOSED is LOW) during scan");
        var acq = new AcquisitionLoop.Outcome(new RunResult(12, 64, Reason.INTERLOCK, door.detail()), 12, null, null, null, door);
        ScanEnding e = ScanEnding.of(acq, true, 64, RAW);
        assertThat(e.status()).isEqualTo(ScanStatus.INTERRUPTED);
        assertThat(e.message()).startsWith("Scan interrupted by the interlock (" + GpioInput.DOOR_CLOSED.unsafeText() + ")")
                .contains("12 of 64").contains(RAW);
    }

    @Test
    void nothingPlayedOrRawDataUnwritableIsFailed() {
        var notStarted = new AcquisitionLoop.Outcome(null, 0, "upload refused: program too long", null, null, null);
        ScanEnding e = ScanEnding.of(notStarted, false, 64, RAW);
        assertThat(e.status()).isEqualTo(ScanStatus.FAILED);
        assertThat(e.message()).contains("upload refused").contains("nothing was played");

        var diskFull = new AcquisitionLoop.Outcome(new RunResult(5, 64, Reason.ABORTED, "aborted"), 5, null, null,
                "cannot write raw data (No space left on device)", null);
        ScanEnding f = ScanEnding.of(diskFull, false, 64, RAW);
        assertThat(f.status()).isEqualTo(ScanStatus.FAILED);
        assertThat(f.message()).contains("No space left on device").contains("5 lines were saved");
    }
}
