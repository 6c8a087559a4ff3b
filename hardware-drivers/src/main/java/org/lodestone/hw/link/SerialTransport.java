package org.lodestone.hw.link;

import com.fazecast.jSerialComm.SerialPort;

import java.io.IOException;

/**
 * Serial line through jSerialComm: USB CDC or RS-422 adapters on the unit, a pseudo-terminal
 * in tests. Reads are semi-blocking with a short timeout so the session can notice silence.
 */
public final class SerialTransport implements Transport {
    /** Line settings from the unit's configuration. */
    public record Settings(int baud, boolean hardwareFlowControl, int readTimeoutMs) {
        public static final Settings DEFAULT = new Settings(3_000_000, false, 50);
    }

    /** No byte accepted for this long means the line is gone (or flow control holds it shut). */
    public static final int WRITE_TIMEOUT_MS = 1000;

    private final SerialPort port;
    private final String path;

    private SerialTransport(SerialPort port, String path) {
        this.port = port;
        this.path = path;
    }

    public static SerialTransport open(String path, Settings s) throws IOException {
        SerialPort p;
        try {
            p = SerialPort.getCommPort(path);
        } catch (RuntimeException e) { // jSerialComm's answer to a path that does not exist
            throw new IOException("no serial port at " + path);
        }
        p.setComPortParameters(s.baud(), 8, SerialPort.ONE_STOP_BIT, SerialPort.NO_PARITY);
        p.setFlowControl(s.hardwareFlowControl()
                ? SerialPort.FLOW_CONTROL_RTS_ENABLED | SerialPort.FLOW_CONTROL_CTS_ENABLED
                : SerialPort.FLOW_CONTROL_DISABLED);
        // A write timeout, because a blocking write to a vanished device node never returns.
        p.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING | SerialPort.TIMEOUT_WRITE_BLOCKING,
                s.readTimeoutMs(), WRITE_TIMEOUT_MS);
        if (!p.openPort()) {
            throw new IOException("cannot open serial port " + path + " (error " + p.getLastErrorCode() + ")");
        }
        return new SerialTransport(p, path);
    }

    /**
     * jSerialComm's native read copies the caller's whole array in and back out (JNI array elements) whatever
     * arrives, and a tty hands over a few KiB per read: reading into a 64 KiB buffer moved 128 KiB per ~4 KiB.
     * Reads go through this small array instead (only the reader thread reads).
     */
    private final byte[] readChunk = new byte[READ_CHUNK];
    static final int READ_CHUNK = 16 * 1024;

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
        if (!port.isOpen()) return -1;
        int n = port.readBytes(readChunk, Math.min(len, readChunk.length), 0);
        if (n < 0) {
            throw new IOException("serial port read failed (error " + port.getLastErrorCode() + ")"); // the link's log names the port
        }
        System.arraycopy(readChunk, 0, buf, off, n);
        return n;
    }

    @Override
    public void write(byte[] buf, int off, int len) throws IOException {
        int done = 0;
        while (done < len) {
            int n = port.writeBytes(buf, len - done, off + done);
            if (n < 0) throw new IOException("serial port write failed (error " + port.getLastErrorCode() + ")");
            if (n == 0) throw new IOException("serial port took no data for " + WRITE_TIMEOUT_MS + " ms");
            done += n;
        }
    }

    @Override
    public String describe() {
        return "serial " + path;
    }

    @Override
    public void close() {
        port.closePort();
    }
}
