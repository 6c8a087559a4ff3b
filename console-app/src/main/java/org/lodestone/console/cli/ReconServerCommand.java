package org.lodestone.console.cli;

import org.lodestone.remote.recon.ReconServer;
import org.lodestone.remote.tls.TlsKeystore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** Serves this console's reconstruction to other units over the MRD streaming protocol until stopped. */
@Command(name = "recon-server", mixinStandardHelpOptions = true,
        description = "Serve reconstruction over the MRD (ISMRMRD/Gadgetron) streaming protocol.")
public final class ReconServerCommand implements Callable<Integer> {
    @Option(names = "--port", required = true, paramLabel = "P", description = "TCP port to listen on.")
    int port;

    @Option(names = "--bind", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
            description = "Address to listen on (default 127.0.0.1; 0.0.0.0 for every interface, behind a TLS tunnel in production).")
    String bind;

    @Option(names = "--tls-keystore", paramLabel = "FILE", description = "Serve over TLS with the key and certificate in this PKCS#12 keystore "
            + "(clients use --recon-server tls://HOST:PORT).")
    Path tlsKeystore;

    @Option(names = "--tls-password-file", paramLabel = "FILE", description = "The keystore's password, alone in this file (never on the command line).")
    Path tlsPasswordFile;

    @Override
    public Integer call() throws Exception {
        if (port < 1 || port > 65535) throw new IllegalArgumentException("--port must be 1..65535 (got " + port + ")");
        if ((tlsKeystore == null) != (tlsPasswordFile == null)) {
            throw new IllegalArgumentException("--tls-keystore and --tls-password-file go together");
        }
        SSLContext tls = tlsKeystore == null ? null : new TlsKeystore(tlsKeystore, tlsPasswordFile).serverContext();
        ReconServer server;
        try {
            server = ReconServer.start(InetAddress.getByName(bind), port, tls);
        } catch (BindException e) {
            throw new IllegalArgumentException("cannot listen on " + bind + ":" + port + " (" + e.getMessage()
                    + "): choose another --port or stop what uses it");
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot listen on " + bind + ":" + port + " (" + e.getMessage() + ")");
        }
        System.out.println("Recon server listening on " + bind + ":" + server.port() + (tls == null ? "" : " over TLS") + " (Ctrl-C stops it)");
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.close();
            } catch (IOException ignored) {
                // exiting anyway
            }
            stopped.countDown();
        }));
        stopped.await();
        return 0;
    }
}
