package org.lodestone.console.cli;

import org.lodestone.remote.recon.ReconServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.util.concurrent.Callable;

/** Serves this console's reconstruction to other units over the MRD streaming protocol until stopped. */
@Command(name = "recon-server", mixinStandardHelpOptions = true,
        description = "Serve reconstruction over the MRD (ISMRMRD/Gadgetron) streaming protocol (with --tls-keystore, clients use --recon-server tls://HOST:PORT).")
public final class ReconServerCommand implements Callable<Integer> {
    @Option(names = "--port", required = true, paramLabel = "P", description = "TCP port to listen on.")
    int port;

    @Mixin
    ServerOptions listen;

    @Override
    public Integer call() throws Exception {
        ServerOptions.port("--port", port);
        SSLContext tls = listen.tls();
        String bind = listen.bind;
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
        ServerOptions.serveUntilStopped(server);
        return 0;
    }
}
