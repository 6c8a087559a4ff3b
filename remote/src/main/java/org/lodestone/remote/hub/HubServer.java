package org.lodestone.remote.hub;

import io.javalin.Javalin;
import io.javalin.http.UnauthorizedResponse;
import io.javalin.http.sse.SseClient;

import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

import javax.net.ssl.SSLContext;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
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

    private final ServerConnector tlsConnector;

    private HubServer(FleetState fleet, Viewers viewers, String host, int port, SSLContext tls) {
        this.fleet = fleet;
        String secure = tls == null ? "" : "; Secure";
        AtomicReference<ServerConnector> https = new AtomicReference<>();
        this.push = json -> clients.forEach(c -> c.sendEvent("units", json));
        this.app = Javalin.create(config -> {
            if (tls != null) {
                // HTTPS only: the one connector Jetty gets is the TLS one
                config.jetty.addConnector((server, httpConfig) -> {
                    SslContextFactory.Server ssl = new SslContextFactory.Server();
                    ssl.setSslContext(tls);
                    HttpConfiguration overTls = new HttpConfiguration(httpConfig);
                    overTls.addCustomizer(new SecureRequestCustomizer(false));
                    ServerConnector c = new ServerConnector(server, new SslConnectionFactory(ssl, "http/1.1"), new HttpConnectionFactory(overTls));
                    c.setHost(host);
                    c.setPort(port);
                    https.set(c);
                    return c;
                });
            }
            config.routes.before(ctx -> {
                if (sessions.valid(ctx.cookie(ViewerSessions.COOKIE))) return;
                if (!viewers.allows(ctx.header("Authorization"))) {
                    ctx.header("WWW-Authenticate", "Basic realm=\"Lodestone fleet\", charset=\"UTF-8\"");
                    throw new UnauthorizedResponse("viewer login required");
                }
                // The page's EventSource cannot send Basic credentials a browser got from the address: a session cookie can.
                ctx.header("Set-Cookie", ViewerSessions.COOKIE + "=" + sessions.open() + "; Path=/; HttpOnly; SameSite=Strict" + secure);
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
        if (tls == null) app.start(host, port);
        else app.start();
        this.tlsConnector = https.get();
    }

    /** Plain HTTP (behind a TLS reverse proxy, or on 127.0.0.1 only). */
    public static HubServer start(FleetState fleet, Viewers viewers, String host, int port) {
        return new HubServer(fleet, viewers, host, port, null);
    }

    /** HTTPS only when {@code tls} is given (its key and certificate from {@code TlsKeystore}); null: plain HTTP. */
    public static HubServer start(FleetState fleet, Viewers viewers, String host, int port, SSLContext tls) {
        return new HubServer(fleet, viewers, host, port, tls);
    }

    public int port() {
        return tlsConnector != null ? tlsConnector.getLocalPort() : app.port();
    }

    @Override
    public void close() {
        fleet.removeListener(push);
        clients.forEach(SseClient::close);
        app.stop();
    }
}
