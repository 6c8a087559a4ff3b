package org.lodestone.hw.link;

import java.io.IOException;

/** Where the unit is: a serial device path, or {@code tcp:host:port} / {@code tcp:port}. */
public record PortSpec(String serialPath, String host, int tcpPort) {

    public static PortSpec parse(String text) {
        if (text == null || text.isBlank()) throw new IllegalArgumentException("empty port");
        if (text.startsWith("tcp:")) {
            String rest = text.substring(4);
            int colon = rest.lastIndexOf(':');
            String host = colon < 0 ? "127.0.0.1" : rest.substring(0, colon);
            String portText = colon < 0 ? rest : rest.substring(colon + 1);
            int port;
            try {
                port = Integer.parseInt(portText);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + text + "': TCP port '" + portText + "' is not a number");
            }
            if (port < 1 || port > 65535) throw new IllegalArgumentException("'" + text + "': TCP port out of range");
            return new PortSpec(null, host, port);
        }
        return new PortSpec(text, null, 0);
    }

    public boolean isTcp() {
        return serialPath == null;
    }

    /** Opens the host end; a serial port is reopened at the same path if its device node vanishes and returns. */
    public Transport connect(SerialTransport.Settings serial) throws IOException {
        return isTcp() ? TcpTransport.connect(host, tcpPort, 3000) : ReconnectingTransport.serial(serialPath, serial);
    }

    @Override
    public String toString() {
        return isTcp() ? "tcp:" + host + ":" + tcpPort : serialPath;
    }
}
