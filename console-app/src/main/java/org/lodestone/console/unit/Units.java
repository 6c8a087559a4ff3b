package org.lodestone.console.unit;

import org.lodestone.hw.session.DeviceException;
import org.lodestone.scan.unit.UnitConnection;
import org.lodestone.scan.unit.UnitConnection.GpioSetup;
import org.lodestone.twin.launch.RunningTwin;
import org.lodestone.twin.launch.TwinLauncher;
import org.lodestone.twin.launch.TwinOptions;

import java.io.IOException;

/**
 * Opens the unit the console was pointed at: the one on {@code --port}, or without it a virtual
 * scanner started here, whose lifetime the connection then carries (closed with it; its exit is
 * a lost unit). scan-service knows nothing of twins; this is where they are started.
 */
public final class Units {
    private Units() {
    }

    /** @param port a serial device or tcp:host:port; null starts a virtual scanner */
    public static UnitConnection open(String port, TwinOptions virtualOptions) throws IOException, DeviceException {
        return open(port, virtualOptions, GpioSetup.DEFAULT);
    }

    /**
     * @param port a serial device or tcp:host:port; null starts a virtual scanner
     * @param gpio where the interlocks are; its default is none with a port, the started twin's bus without
     */
    public static UnitConnection open(String port, TwinOptions virtualOptions, GpioSetup gpio)
            throws IOException, DeviceException {
        if (port != null) return UnitConnection.open(port, gpio);
        return openTwin(virtualOptions, gpio).unit();
    }

    /** A started twin and the connection to it; closing either closes both. */
    public record TwinUnit(UnitConnection unit, RunningTwin twin) implements AutoCloseable {
        @Override
        public void close() {
            unit.close();
        }
    }

    public static TwinUnit openTwin(TwinOptions virtualOptions) throws IOException, DeviceException {
        return openTwin(virtualOptions, GpioSetup.DEFAULT);
    }

    /** Starts a twin (serving its GPIO bus unless {@code gpio} names other wiring) and connects to it. */
    public static TwinUnit openTwin(TwinOptions virtualOptions, GpioSetup gpio) throws IOException, DeviceException {
        boolean ownBus = gpio.option() == null;
        RunningTwin twin = TwinLauncher.start(virtualOptions.withGpio(ownBus, gpio.config()));
        try {
            GpioSetup wiring = ownBus ? new GpioSetup("virtual:" + twin.gpioBusPort(), gpio.config()) : gpio;
            UnitConnection unit = UnitConnection.open(twin.portSpec(), wiring);
            unit.onClose(twin);
            Process p = twin.process();
            unit.declareLostWhen(p.onExit().thenApply(ended -> "the virtual scanner process ended (exit code " + ended.exitValue() + ")"));
            return new TwinUnit(unit, twin);
        } catch (IOException | DeviceException | RuntimeException e) {
            twin.close();
            throw e;
        }
    }
}
