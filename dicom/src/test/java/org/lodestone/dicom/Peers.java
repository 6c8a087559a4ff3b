package org.lodestone.dicom;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Real DICOM peers (dcmtk, Orthanc) started by the tests on free loopback ports. */
public final class Peers {
    private Peers() {
    }

    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** Starts a process and waits until it listens on {@code port} (loopback). */
    public static Process start(List<String> command, int port, Path log) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return awaitPort(p, port, log);
    }

    /** Waits until {@code p} listens on {@code port} (loopback); returns it. */
    public static Process awaitPort(Process p, int port, Path log) throws IOException, InterruptedException {
        List<String> command = List.of(p.info().command().orElse("peer"));
        long end = System.nanoTime() + 20_000_000_000L;
        while (System.nanoTime() < end) {
            if (!p.isAlive()) throw new IOException(command.getFirst() + " exited: " + java.nio.file.Files.readString(log));
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
                return p;
            } catch (IOException notYet) {
                Thread.sleep(30);
            }
        }
        p.destroyForcibly();
        throw new IOException(command.getFirst() + " did not listen on port " + port);
    }

    /** dcmtk storescp accepting any storage class, one file per received object (unique names, so repeats show). */
    public static Process storescp(int port, Path dir, String... extra) throws IOException, InterruptedException {
        java.nio.file.Files.createDirectories(dir);
        List<String> cmd = new ArrayList<>(List.of("storescp", "--aetitle", "STORE", "--output-directory", dir.toString(),
                "--unique-filenames"));
        cmd.addAll(List.of(extra));
        cmd.add(Integer.toString(port));
        return start(cmd, port, dir.resolveSibling(dir.getFileName() + "-storescp-" + port + ".log"));
    }

    public static void stop(Process p) throws InterruptedException {
        if (p != null) {
            p.destroyForcibly();
            p.waitFor();
        }
    }
}
