package org.lodestone.console.cli;

import org.lodestone.remote.tls.TlsKeystore;
import picocli.CommandLine.Option;

import javax.net.ssl.SSLContext;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/** The listening side of the server commands (hub, recon-server): where to listen and the TLS keystore. */
final class ServerOptions {
    @Option(names = "--bind", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
            description = "Address to listen on (default 127.0.0.1; 0.0.0.0 for every interface, then with --tls-keystore or behind a TLS proxy).")
    String bind;

    @Option(names = "--tls-keystore", paramLabel = "FILE", description = "Serve over TLS with the key and certificate in this PKCS#12 keystore.")
    Path tlsKeystore;

    @Option(names = "--tls-password-file", paramLabel = "FILE", description = "The keystore's password, alone in this file (never on the command line).")
    Path tlsPasswordFile;

    /** The server's TLS context, or null for plain TCP; the keystore and its password file go together. */
    SSLContext tls() {
        if ((tlsKeystore == null) != (tlsPasswordFile == null)) {
            throw new IllegalArgumentException("--tls-keystore and --tls-password-file go together");
        }
        return tlsKeystore == null ? null : new TlsKeystore(tlsKeystore, tlsPasswordFile).serverContext();
    }

    /** The port a server command listens on, given by {@code option}: 1..65535. */
    static int port(String option, int port) {
        if (port < 1 || port > 65535) throw new IllegalArgumentException(option + " must be a port 1..65535 (got " + port + ")");
        return port;
    }

    /** Serves until the process is stopped (Ctrl-C, SIGTERM), then closes what it serves with. */
    static void serveUntilStopped(AutoCloseable... serving) throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            for (AutoCloseable c : serving) {
                try {
                    c.close();
                } catch (Exception ignored) {
                    // exiting anyway
                }
            }
            stopped.countDown();
        }));
        stopped.await();
    }
}
