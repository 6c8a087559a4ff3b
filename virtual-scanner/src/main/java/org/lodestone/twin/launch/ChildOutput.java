package org.lodestone.twin.launch;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Reads a twin child's output: keeps its recent lines (its log, for diagnostics), and picks out what the
 * simulator announces for whoever started it, the ready line (with where it serves) and the GPIO bus port.
 */
final class ChildOutput {
    private static final Logger log = LoggerFactory.getLogger(ChildOutput.class);
    /** Same texts as SimulatorCommand prints. */
    static final String READY = "virtual scanner ready on ";
    static final String GPIO_BUS = org.lodestone.twin.SimulatorCommand.GPIO_BUS_ANNOUNCEMENT;
    private static final int KEPT = 2000;

    private final Deque<String> lines = new ArrayDeque<>();
    private final CompletableFuture<String> ready = new CompletableFuture<>();
    private final CompletableFuture<Integer> gpioPort = new CompletableFuture<>();

    /** Starts reading the child's (merged) output on a daemon thread. */
    static ChildOutput follow(Process child) {
        ChildOutput o = new ChildOutput();
        Thread.ofPlatform().daemon().name("twin-output-" + child.pid()).start(() -> o.pump(child));
        return o;
    }

    private void pump(Process child) {
        Logger childLog = LoggerFactory.getLogger("simulator");
        try (BufferedReader r = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                synchronized (lines) {
                    if (lines.size() == KEPT) lines.removeFirst();
                    lines.addLast(line);
                }
                int bus = line.indexOf(GPIO_BUS);
                if (bus >= 0 && !gpioPort.isDone()) {
                    try {
                        gpioPort.complete(Integer.parseInt(line.substring(bus + GPIO_BUS.length()).trim()));
                    } catch (NumberFormatException e) {
                        log.warn("Virtual scanner announced an unreadable GPIO bus port: {}", line);
                    }
                }
                int at = line.indexOf(READY);
                if (at >= 0) ready.complete(line.substring(at + READY.length()).trim());
                childLog.debug("{}", line);
            }
        } catch (IOException e) {
            // the child went away; whoever started it notices its exit
        }
        ready.complete(null);
        gpioPort.complete(-1);
    }

    /** Where the child says it serves (its --port, with the TCP port it bound), or null if it ended or took too long. */
    String awaitReady(long timeoutMs) {
        try {
            return ready.get(timeoutMs, TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            return null;
        }
    }

    /** The GPIO bus port it announced (before its ready line), -1 if none. */
    int gpioPort() {
        return gpioPort.getNow(-1);
    }

    List<String> recent() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }
}
