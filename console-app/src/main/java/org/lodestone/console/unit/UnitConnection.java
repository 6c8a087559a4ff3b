package org.lodestone.console.unit;

import org.lodestone.hw.link.PortSpec;
import org.lodestone.hw.link.SerialTransport;
import org.lodestone.hw.link.Transport;
import org.lodestone.hw.session.DeviceException;
import org.lodestone.hw.session.ScannerSession;
import org.lodestone.hw.wire.Message.Capabilities;
import org.lodestone.seq.limits.UnitProfile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetAddress;

/**
 * An open, greeted connection to one unit: the real one on {@code --port}, or without it a
 * virtual scanner started behind a pty pair. Everything above this sees only the session.
 */
public final class UnitConnection implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(UnitConnection.class);

    private final VirtualScannerProcess virtualScanner;
    private final ScannerSession session;
    private final Capabilities capabilities;
    private final String port;

    private UnitConnection(VirtualScannerProcess vs, ScannerSession session, Capabilities caps, String port) {
        this.virtualScanner = vs;
        this.session = session;
        this.capabilities = caps;
        this.port = port;
    }

    /** @param port a serial device or tcp:host:port; null starts a virtual scanner */
    public static UnitConnection open(String port, VirtualScannerProcess.Options virtualOptions) throws IOException, DeviceException {
        VirtualScannerProcess vs = null;
        String where = port;
        if (port == null) {
            vs = VirtualScannerProcess.start(virtualOptions);
            where = vs.hostPort().toString();
        }
        Transport t;
        try {
            t = PortSpec.parse(where).connect(SerialTransport.Settings.DEFAULT);
        } catch (IOException | IllegalArgumentException e) {
            if (vs != null) vs.close();
            throw new IOException("cannot open the unit on " + where + ": " + e.getMessage());
        }
        ScannerSession s = ScannerSession.open(t);
        try {
            if (vs != null) {
                // The child's exit is what a pulled cable is for a board: stop waiting for it.
                Process p = vs.process();
                p.onExit().thenAccept(ended -> s.declareLost("the virtual scanner process ended (exit code " + ended.exitValue() + ")"));
            }
            Capabilities caps = s.hello(hostName());
            log.info("Connected to {} ({}) on {}: {} T, {} channels", caps.model(), caps.firmware(), where,
                    caps.fieldTesla(), caps.receiveChannels());
            return new UnitConnection(vs, s, caps, where);
        } catch (DeviceException e) {
            s.close();
            if (vs != null) vs.close();
            throw e;
        }
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "lodestone-console";
        }
    }

    public ScannerSession session() {
        return session;
    }

    public Capabilities capabilities() {
        return capabilities;
    }

    public UnitProfile profile() {
        return UnitProfile.from(capabilities);
    }

    public String port() {
        return port;
    }

    public boolean isVirtual() {
        return virtualScanner != null;
    }

    public VirtualScannerProcess virtualScanner() {
        return virtualScanner;
    }

    @Override
    public void close() {
        session.close();
        if (virtualScanner != null) virtualScanner.close();
    }
}
