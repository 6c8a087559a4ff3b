package org.lodestone.hw.gpio;

import com.pi4j.io.gpio.digital.DigitalState;
import org.junit.jupiter.api.Test;

import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UnitGpioTest {

    @Test
    void outputsStartInactiveAndInputsReadTheBusSnapshot() throws Exception {
        try (BusRig rig = new BusRig()) {
            for (GpioOutput o : GpioOutput.values()) {
                assertThat(rig.awaitLogical(o, false).high()).as(o.name()).isEqualTo(rig.highWhen(o, false));
                assertThat(rig.gpio.isActive(o)).isFalse();
            }
            assertThat(rig.gpio.doorClosed()).isTrue();
            assertThat(rig.gpio.emergencyStopPressed()).isFalse();
            assertThat(rig.gpio.rfAmpFault()).isFalse();
            assertThat(rig.gpio.gradientAmpFault()).isFalse();
            assertThat(rig.gpio.magnetOvertemp()).isFalse();
            assertThat(rig.gpio.unsafeInputs()).isEmpty();
        }
    }

    @Test
    void polarityFromConfigIsApplied() throws Exception {
        Properties p = new Properties();
        p.setProperty("gpio.in.DOOR_CLOSED.active", "low");
        p.setProperty("gpio.in.EMERGENCY_STOP.active", "high");
        p.setProperty("gpio.out.RF_ENABLE.active", "low");
        GpioConfig inverted = GpioConfig.fromProperties(p);
        try (BusRig rig = new BusRig(inverted)) {
            // An active-low RF enable idles high.
            rig.server.awaitOutput("RF_ENABLE", true, BusRig.WAIT);
            rig.server.awaitOutput("GRADIENT_ENABLE", false, BusRig.WAIT);

            rig.server.setInput("DOOR_CLOSED", false); // low = closed for this wiring
            rig.server.setInput("EMERGENCY_STOP", false); // low = released for this wiring
            BusRig.eventually(() -> rig.gpio.level(GpioInput.DOOR_CLOSED) == DigitalState.LOW, "door low");
            assertThat(rig.gpio.doorClosed()).isTrue();
            assertThat(rig.gpio.emergencyStopPressed()).isFalse();

            InterlockGuard guard = new InterlockGuard(rig.gpio, e -> { });
            assertThat(guard.armForScan()).isEmpty();
            assertThat(rig.server.awaitOutput("RF_ENABLE", false, BusRig.WAIT).high()).isFalse(); // active = low
            assertThat(rig.server.awaitOutput("GRADIENT_ENABLE", true, BusRig.WAIT).high()).isTrue();

            rig.server.setInput("DOOR_CLOSED", true); // high = open for this wiring
            rig.server.awaitOutput("RF_ENABLE", true, BusRig.WAIT); // dropped = high
            rig.server.awaitOutput("GRADIENT_ENABLE", false, BusRig.WAIT);
            assertThat(rig.gpio.doorClosed()).isFalse();
        }
    }

    @Test
    void closingLeavesEveryOutputSafe() throws Exception {
        try (BusRig rig = new BusRig()) {
            InterlockGuard guard = new InterlockGuard(rig.gpio, e -> { });
            assertThat(guard.armForScan()).isEmpty();
            rig.gpio.set(GpioOutput.TR_SWITCH, true);
            rig.gpio.set(GpioOutput.COIL_DETUNE, true);
            for (GpioOutput o : GpioOutput.values()) rig.awaitLogical(o, true);

            rig.gpio.close();

            for (GpioOutput o : GpioOutput.values()) {
                assertThat(rig.awaitLogical(o, false).high()).as(o.name()).isEqualTo(rig.highWhen(o, false));
            }
            // Nothing raised anything again afterwards.
            var last = rig.server.outputHistory().getLast();
            assertThat(last.high()).isEqualTo(rig.highWhen(GpioOutput.valueOf(last.name()), false));
        }
    }

    @Test
    void safeDropsEverythingAndEnablesCannotBeRaisedDirectly() throws Exception {
        try (BusRig rig = new BusRig()) {
            rig.gpio.set(GpioOutput.SCANNING_LAMP, true);
            rig.awaitLogical(GpioOutput.SCANNING_LAMP, true);
            assertThatThrownBy(() -> rig.gpio.set(GpioOutput.RF_ENABLE, true)).hasMessageContaining("armForScan");
            assertThatThrownBy(() -> rig.gpio.set(GpioOutput.GRADIENT_ENABLE, true)).hasMessageContaining("armForScan");

            rig.gpio.safe();

            rig.awaitLogical(GpioOutput.SCANNING_LAMP, false);
            rig.awaitLogical(GpioOutput.RF_ENABLE, false);
            assertThat(rig.gpio.isActive(GpioOutput.RF_ENABLE)).isFalse();
        }
    }

    @Test
    void contextShutdownAloneAlsoDrivesOutputsToTheirSafeLevel() throws Exception {
        try (BusRig rig = new BusRig()) {
            rig.gpio.set(GpioOutput.SCANNING_LAMP, true);
            rig.awaitLogical(GpioOutput.SCANNING_LAMP, true);

            rig.context.shutdown(); // Pi4J's own shutdown level, as on JVM exit with the shutdown hook

            rig.awaitLogical(GpioOutput.SCANNING_LAMP, false);
            BusRig.eventually(() -> rig.server.clientCount() == 0, "the provider to close the bus");
        }
    }
}
