package org.lodestone.console.cli;

import org.lodestone.remote.hub.FleetState;
import org.lodestone.remote.hub.FleetSubscriber;
import org.lodestone.remote.hub.HubServer;
import org.lodestone.remote.hub.PacsDirectory;
import org.lodestone.remote.hub.StudyLinks;
import org.lodestone.remote.tls.TlsKeystore;
import org.lodestone.remote.hub.Viewers;
import org.lodestone.remote.telemetry.BrokerAddress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import javax.net.ssl.SSLContext;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** The fleet hub: every unit's telemetry from the broker, as a read-only web page and JSON API. */
@Command(name = "hub", mixinStandardHelpOptions = true,
        description = "Serve a read-only page of every unit publishing to an MQTT broker (/, /api/units, /events).")
public final class HubCommand implements Callable<Integer> {
    @Option(names = "--mqtt", required = true, paramLabel = "URL", description = "The fleet's broker: mqtt://host:1883 or mqtts://user:password@host:8883.")
    String mqtt;

    @Option(names = "--http", required = true, paramLabel = "PORT", description = "HTTP port of the page.")
    int http;

    @Option(names = "--bind", defaultValue = "127.0.0.1", paramLabel = "ADDRESS",
            description = "Address to serve on (default 127.0.0.1; on the hospital network use --tls-keystore or a TLS reverse proxy).")
    String bind;

    @Option(names = "--viewers", required = true, paramLabel = "FILE", description = "Viewer logins, one user:password a line.")
    Path viewersFile;

    @Option(names = "--pacs", paramLabel = "NAME=URL", description = "A PACS the units send to, by its name on the units, with its "
            + "DICOMweb root (e.g. CENTRAL=https://pacs.example:8042/dicom-web): sent exams link to their studies there. Repeatable.")
    List<String> pacs = List.of();

    @Option(names = "--tls-keystore", paramLabel = "FILE", description = "Serve HTTPS with the key and certificate in this PKCS#12 keystore.")
    Path tlsKeystore;

    @Option(names = "--tls-password-file", paramLabel = "FILE", description = "The keystore's password, alone in this file (never on the command line).")
    Path tlsPasswordFile;

    @Override
    public Integer call() throws Exception {
        if (http < 1 || http > 65535) throw new IllegalArgumentException("--http must be a port 1..65535 (got " + http + ")");
        if (!Files.isReadable(viewersFile)) throw new IllegalArgumentException("cannot read the viewer file " + viewersFile);
        BrokerAddress broker = BrokerAddress.parse(mqtt);
        Viewers viewers = Viewers.load(viewersFile);
        PacsDirectory directory = PacsDirectory.parse(pacs);
        if ((tlsKeystore == null) != (tlsPasswordFile == null)) {
            throw new IllegalArgumentException("--tls-keystore and --tls-password-file go together");
        }
        SSLContext tls = tlsKeystore == null ? null : new TlsKeystore(tlsKeystore, tlsPasswordFile).serverContext();
        FleetState fleet = new FleetState(new StudyLinks(directory, HttpClient.newHttpClient()));
        FleetSubscriber subscriber = new FleetSubscriber(broker, fleet);
        HubServer server;
        try {
            server = HubServer.start(fleet, viewers, bind, http, tls);
        } catch (RuntimeException e) {
            subscriber.close();
            throw new IllegalArgumentException("cannot serve on " + bind + ":" + http + ": choose another --http port or stop what uses it");
        }
        System.out.println("Hub on " + (tls == null ? "http" : "https") + "://" + bind + ":" + server.port() + "/ for the units at " + broker + " (Ctrl-C stops it)");
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            subscriber.close();
            stopped.countDown();
        }));
        stopped.await();
        return 0;
    }
}
