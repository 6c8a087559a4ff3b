package org.lodestone.hw.link;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;

/** The sequencer board over Ethernet (or the virtual scanner over loopback). */
public final class TcpTransport implements Transport {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    public TcpTransport(Socket socket, int readTimeoutMs) throws IOException {
        this.socket = socket;
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(readTimeoutMs);
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    public static TcpTransport connect(String host, int port, int connectTimeoutMs) throws IOException {
        Socket s = new Socket();
        s.connect(new InetSocketAddress(host, port), connectTimeoutMs);
        return new TcpTransport(s, 50);
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
        try {
            return in.read(buf, off, len);
        } catch (SocketTimeoutException e) {
            return 0;
        }
    }

    @Override
    public void write(byte[] buf, int off, int len) throws IOException {
        out.write(buf, off, len);
        out.flush();
    }

    @Override
    public String describe() {
        return "tcp " + socket.getRemoteSocketAddress();
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing: nothing left to save
        }
    }
}
