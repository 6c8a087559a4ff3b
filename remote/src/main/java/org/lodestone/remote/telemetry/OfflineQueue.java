package org.lodestone.remote.telemetry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Telemetry on disk until the broker has acknowledged it: one file per message, named by its
 * sequence number so the order survives a restart of the console. Bounded: past
 * {@code maxDroppable} waiting status/sensor messages the oldest of them is deleted; events and QA
 * are never dropped. Every message goes through here, connected or not, so the order is one order.
 */
public final class OfflineQueue {
    private static final String SUFFIX = ".json";

    private final Path dir;
    private final int maxDroppable;
    private final Deque<QueuedMessage> waiting = new ArrayDeque<>();
    private long nextSequence;
    private long dropped;

    /** Opens (or creates) the queue in {@code dir}, picking up what a previous run left unsent. */
    public OfflineQueue(Path dir, int maxDroppable) throws IOException {
        if (maxDroppable < 1) throw new IllegalArgumentException("maxDroppable must be at least 1");
        this.dir = Files.createDirectories(dir);
        this.maxDroppable = maxDroppable;
        List<QueuedMessage> found = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith(SUFFIX)).toList()) {
                parse(f).ifPresent(found::add);
            }
        }
        found.sort((a, b) -> Long.compare(a.sequence(), b.sequence()));
        waiting.addAll(found);
        nextSequence = found.isEmpty() ? 0 : found.getLast().sequence() + 1;
    }

    private static Optional<QueuedMessage> parse(Path f) throws IOException {
        String name = f.getFileName().toString();
        String[] parts = name.substring(0, name.length() - SUFFIX.length()).split("-", 2);
        if (parts.length != 2) return Optional.empty();
        try {
            long seq = Long.parseLong(parts[0]);
            TelemetryTopic topic = TelemetryTopic.fromSuffix(parts[1]);
            return Optional.of(new QueuedMessage(seq, topic, Files.readString(f, StandardCharsets.UTF_8)));
        } catch (IllegalArgumentException e) {
            return Optional.empty(); // not ours (or a half-written temp file): leave it
        }
    }

    private Path fileOf(QueuedMessage m) {
        return dir.resolve(String.format("%019d-%s%s", m.sequence(), m.topic().suffix(), SUFFIX));
    }

    /** Stores a message after every other; drops the oldest droppable one when too many wait. */
    public synchronized QueuedMessage append(TelemetryTopic topic, String json) {
        QueuedMessage m = new QueuedMessage(nextSequence++, topic, json);
        try {
            Path tmp = dir.resolve(m.sequence() + ".tmp");
            Files.writeString(tmp, json, StandardCharsets.UTF_8);
            Files.move(tmp, fileOf(m), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot queue telemetry in " + dir, e);
        }
        waiting.addLast(m);
        if (topic.droppable()) trimDroppable();
        notifyAll();
        return m;
    }

    private void trimDroppable() {
        long count = waiting.stream().filter(q -> q.topic().droppable()).count();
        var it = waiting.iterator();
        while (count > maxDroppable && it.hasNext()) {
            QueuedMessage q = it.next();
            if (!q.topic().droppable()) continue;
            it.remove();
            deleteFile(q);
            count--;
            dropped++;
        }
    }

    /** The oldest waiting message, waiting up to {@code millis} for one. */
    public synchronized Optional<QueuedMessage> oldest(long millis) throws InterruptedException {
        long end = System.currentTimeMillis() + millis;
        while (waiting.isEmpty()) {
            long left = end - System.currentTimeMillis();
            if (left <= 0) return Optional.empty();
            wait(left);
        }
        return Optional.of(waiting.peekFirst());
    }

    /** The broker has it: forget it (it may already have been dropped meanwhile). */
    public synchronized void remove(QueuedMessage m) {
        if (waiting.remove(m)) deleteFile(m);
        notifyAll();
    }

    private void deleteFile(QueuedMessage m) {
        try {
            Files.deleteIfExists(fileOf(m));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove sent telemetry from " + dir, e);
        }
    }

    public synchronized int size() {
        return waiting.size();
    }

    /** Status/sensor messages dropped because the queue was full. */
    public synchronized long dropped() {
        return dropped;
    }

    /** Waits until everything queued has been sent; false if {@code millis} passed first. */
    public synchronized boolean awaitEmpty(long millis) throws InterruptedException {
        long end = System.currentTimeMillis() + millis;
        while (!waiting.isEmpty()) {
            long left = end - System.currentTimeMillis();
            if (left <= 0) return false;
            wait(left);
        }
        return true;
    }

    public List<QueuedMessage> snapshot() {
        synchronized (this) {
            return List.copyOf(waiting);
        }
    }
}
