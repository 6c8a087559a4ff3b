package org.lodestone.remote.hub;

import io.javalin.Javalin;
import io.javalin.http.UnauthorizedResponse;
import io.javalin.http.sse.SseClient;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The read-only fleet page on Javalin 7 (Jetty 12): {@code /} the page, {@code /api/units} the
 * fleet as JSON, {@code /events} server-sent events (event {@code units}, the whole fleet after every
 * change). Every path asks for a viewer's HTTP Basic credentials. Only GET routes exist.
 */
public final class HubServer implements AutoCloseable {
    private final Javalin app;
    private final FleetState fleet;
    private final Set<SseClient> clients = ConcurrentHashMap.newKeySet();
    private final ViewerSessions sessions = new ViewerSessions(java.time.Duration.ofHours(12));
    private final Consumer<String> push;

    private HubServer(FleetState fleet, Viewers viewers, String host, int port) {
        this.fleet = fleet;
        this.push = json -> clients.forEach(c -> c.sendEvent("units", json));
        this.app = Javalin.create(config -> {
            config.routes.before(ctx -> {
                if (sessions.valid(ctx.cookie(ViewerSessions.COOKIE))) return;
                if (!viewers.allows(ctx.header("Authorization"))) {
                    ctx.header("WWW-Authenticate", "Basic realm=\"Lodestone fleet\", charset=\"UTF-8\"");
                    throw new UnauthorizedResponse("viewer login required");
                }
                // The page's EventSource cannot send Basic credentials a browser got from the address: a session cookie can.
                ctx.header("Set-Cookie", ViewerSessions.COOKIE + "=" + sessions.open() + "; Path=/; HttpOnly; SameSite=Strict");
            });
            config.routes.get("/", ctx -> ctx.html(HubPage.html(fleet.unitsJson())));
            config.routes.get("/api/units", ctx -> ctx.contentType("application/json").result(fleet.unitsJson().toString()));
            config.routes.sse("/events", client -> {
                client.keepAlive();
                clients.add(client);
                client.onClose(() -> clients.remove(client));
                client.sendEvent("units", fleet.unitsJson().toString());
            });
        });
        fleet.onChange(push);
        app.start(host, port);
    }

    public static HubServer start(FleetState fleet, Viewers viewers, String host, int port) {
        return new HubServer(fleet, viewers, host, port);
    }

    public int port() {
        return app.port();
    }

    @Override
    public void close() {
        fleet.removeListener(push);
        clients.forEach(SseClient::close);
        app.stop();
    }
}
