package org.lodestone.console.cli;

import org.lodestone.remote.hub.FleetState;
import org.lodestone.remote.hub.FleetSubscriber;
import org.lodestone.remote.hub.HubServer;
import org.lodestone.remote.hub.PacsDirectory;
import org.lodestone.remote.hub.StudyLinks;
import org.lodestone.remote.hub.Viewers;
import org.lodestone.remote.telemetry.BrokerAddress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import javax.net.ssl.SSLContext;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** The fleet hub: every unit's telemetry from the broker, as a read-only web page and JSON API. */
@Command(name = "hub", mixinStandardHelpOptions = true,
        description = "Serve a read-only page of every unit publishing to an MQTT broker (/, /api/units, /events).")
public final class HubCommand implements Callable<Integer> {
    @Option(names = "--mqtt", required = true, paramLabel = "URL", description = "The fleet's broker: mqtt://host:1883 or mqtts://user:password@host:8883.")
    String mqtt;

    @Option(names = "--http", required = true, paramLabel = "PORT", description = "HTTP port of the page.")
    int http;

    @Option(names = "--viewers", required = true, paramLabel = "FILE", description = "Viewer logins, one user:password a line.")
    Path viewersFile;

    @Option(names = "--pacs", paramLabel = "NAME=URL", description = "A PACS the units send to, by its name on the units, with its "
            + "DICOMweb root (e.g. CENTRAL=https://pacs.example:8042/dicom-web): sent exams link to their studies there. Repeatable.")
    List<String> pacs = List.of();

    @Mixin
    ServerOptions server;

    @Override
    public Integer call() throws Exception {
        ServerOptions.port("--http", http);
        if (!Files.isReadable(viewersFile)) throw new IllegalArgumentException("cannot read the viewer file " + viewersFile);
        BrokerAddress broker = BrokerAddress.parse(mqtt);
        Viewers viewers = Viewers.load(viewersFile);
        PacsDirectory directory = PacsDirectory.parse(pacs);
        SSLContext tls = server.tls();
        FleetState fleet = new FleetState(new StudyLinks(directory, HttpClient.newHttpClient()));
        FleetSubscriber subscriber = new FleetSubscriber(broker, fleet);
        String bind = server.bind;
        HubServer hub;
        try {
            hub = HubServer.start(fleet, viewers, bind, http, tls);
        } catch (RuntimeException e) {
            subscriber.close();
            throw new IllegalArgumentException("cannot serve on " + bind + ":" + http + ": choose another --http port or stop what uses it");
        }
        System.out.println("Hub on " + (tls == null ? "http" : "https") + "://" + bind + ":" + hub.port() + "/ for the units at " + broker + " (Ctrl-C stops it)");
        ServerOptions.serveUntilStopped(hub, subscriber);
        return 0;
    }
}
