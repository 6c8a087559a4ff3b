package org.lodestone.console.cli;

import org.lodestone.remote.hub.FleetState;
import org.lodestone.remote.hub.FleetSubscriber;
import org.lodestone.remote.hub.HubServer;
import org.lodestone.remote.hub.Viewers;
import org.lodestone.remote.telemetry.BrokerAddress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
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
            description = "Address to serve on (default 127.0.0.1: put a TLS reverse proxy in front for the hospital network).")
    String bind;

    @Option(names = "--viewers", required = true, paramLabel = "FILE", description = "Viewer logins, one user:password a line.")
    Path viewersFile;

    @Override
    public Integer call() throws Exception {
        if (http < 1 || http > 65535) throw new IllegalArgumentException("--http must be a port 1..65535 (got " + http + ")");
        if (!Files.isReadable(viewersFile)) throw new IllegalArgumentException("cannot read the viewer file " + viewersFile);
        BrokerAddress broker = BrokerAddress.parse(mqtt);
        Viewers viewers = Viewers.load(viewersFile);
        FleetState fleet = new FleetState();
        FleetSubscriber subscriber = new FleetSubscriber(broker, fleet);
        HubServer server;
        try {
            server = HubServer.start(fleet, viewers, bind, http);
        } catch (RuntimeException e) {
            subscriber.close();
            throw new IllegalArgumentException("cannot serve on " + bind + ":" + http + ": choose another --http port or stop what uses it");
        }
        System.out.println("Hub on http://" + bind + ":" + server.port() + "/ for the units at " + broker + " (Ctrl-C stops it)");
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
