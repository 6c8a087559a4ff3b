package org.lodestone.workflow.recovery;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lodestone.workflow.Workflow;
import org.lodestone.workflow.WorkflowHome;
import org.lodestone.workflow.care.FileVerifier;
import org.lodestone.workflow.exam.Exam;
import org.lodestone.workflow.exam.Series;
import org.lodestone.workflow.exam.SeriesStatus;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * 50 SIGKILLs at random moments of a process that writes series, journals and database rows in a loop (so kills
 * land before the first line, mid-journal, during the "reconstruction" and during database writes), each next
 * run recovering what the last left behind. Then: no series lost, none left in progress, every interrupted
 * one's lines_received equal to its journal, every completed one's files intact, the audit trail intact.
 */
class KillCampaignTest {
    static final int LINES = 24;

    @TempDir
    Path tmp;

    private record Child(Process process, List<String> out, CountDownLatch ready) {
    }

    /** Classes the children load, archived at the training run's exit (a killed JVM never writes it). */
    private static final Path CLASS_ARCHIVE = Path.of("target", "kill-campaign.jsa").toAbsolutePath();
    /** The class directories of the test's class path in one jar: a class-data archive takes jars only. */
    private static final Path CLASS_JAR = Path.of("target", "kill-campaign-classes.jar").toAbsolutePath();
    /** The children's class path: this JVM's, its directories replaced by {@link #CLASS_JAR}. */
    private static String childClassPath = System.getProperty("java.class.path");

    private static Child start(Path home, int lines, long delayMs, String... more) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"), "-XX:TieredStopAtLevel=1",
                "-XX:+AutoCreateSharedArchive", "-XX:SharedArchiveFile=" + CLASS_ARCHIVE,
                "-cp", childClassPath, SeriesWriterProcess.class.getName(), home.toString(),
                String.valueOf(lines), String.valueOf(delayMs)));
        cmd.addAll(List.of(more));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        List<String> out = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch ready = new CountDownLatch(1);
        Thread.ofPlatform().daemon().start(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String l; (l = r.readLine()) != null; ) {
                    out.add(l);
                    if (l.equals("READY")) ready.countDown();
                }
            } catch (IOException ignored) {
                // the child was killed
            }
        });
        return new Child(p, out, ready);
    }

    private static void kill(Child c) throws InterruptedException {
        c.process().destroyForcibly(); // SIGKILL
        assertThat(c.process().waitFor(20, TimeUnit.SECONDS)).isTrue();
    }

    /** One child run to its end, so that the 50 killed ones start from its class archive (start-up is most of a kill). */
    @BeforeAll
    static void trainStartUp(@TempDir Path training) throws Exception {
        List<String> jars = new ArrayList<>();
        List<Path> directories = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (Files.isDirectory(Path.of(entry))) directories.add(Path.of(entry));
            else if (!entry.isBlank()) jars.add(entry);
        }
        jars.add(jarOf(directories, CLASS_JAR).toString());
        childClassPath = String.join(File.pathSeparator, jars);
        Files.deleteIfExists(CLASS_ARCHIVE); // made for the last run's jar: this run's training writes it anew
        Child c = start(training.resolve("home"), 4, 0, "once");
        if (!c.process().waitFor(120, TimeUnit.SECONDS)) {
            c.process().destroyForcibly();
            throw new AssertionError("training run did not end in 120 s: " + c.out());
        }
        assertThat(c.process().exitValue()).as(String.join("\n", c.out())).isZero();
    }

    /** The classes and resources of these directories in one jar (the first directory wins a name they share). */
    private static Path jarOf(List<Path> directories, Path jar) throws IOException {
        Set<String> written = new java.util.HashSet<>();
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            for (Path dir : directories) {
                List<Path> entries;
                try (Stream<Path> walk = Files.walk(dir)) {
                    entries = walk.filter(p -> !p.equals(dir)).sorted().toList();
                }
                for (Path f : entries) {
                    // folders get entries too: Flyway finds db/migration through its folder's entry
                    boolean folder = Files.isDirectory(f);
                    String name = dir.relativize(f).toString().replace(File.separatorChar, '/') + (folder ? "/" : "");
                    if (!written.add(name)) continue;
                    out.putNextEntry(new JarEntry(name));
                    if (!folder) Files.copy(f, out);
                    out.closeEntry();
                }
            }
        }
        return jar;
    }

    /** What one lane of the campaign saw its children say: series begun and ended, and their start-up time. */
    private record Lane(Path home, Set<String> begun, Set<String> ended, long readyNanos) {
    }

    /** {@code kills} children one after another on one home, each killed at a random moment after it is ready. */
    private Lane killRepeatedly(Path home, int kills, long seed) throws Exception {
        Random rnd = new Random(seed);
        Set<String> begun = ConcurrentHashMap.newKeySet(), ended = ConcurrentHashMap.newKeySet();
        long readyNanos = 0;
        for (int k = 0; k < kills; k++) {
            long s0 = System.nanoTime();
            Child c = start(home, LINES, 1);
            if (!c.ready().await(120, TimeUnit.SECONDS)) {
                kill(c); // not left running after the test
                throw new AssertionError("child not ready in 120 s: " + c.out());
            }
            readyNanos += System.nanoTime() - s0;
            Thread.sleep(rnd.nextInt(400));
            kill(c);
            Thread.sleep(50); // let the reader thread drain the last lines
            synchronized (c.out()) {
                for (String l : c.out()) {
                    if (l.startsWith("BEGIN ")) begun.add(l.substring(6));
                    else if (l.startsWith("END ")) ended.add(l.substring(4));
                    else if (l.contains("Exception")) throw new AssertionError("child said: " + String.join("\n", c.out()));
                }
            }
        }
        return new Lane(home, begun, ended, readyNanos);
    }

    /** The lane's home after its kills: nothing lost, nothing left in progress, journals and files agree. */
    private record Outcome(Map<SeriesStatus, Integer> byStatus, int beforeFirstLine) {
    }

    private static Outcome verify(Lane lane) throws Exception {
        try (Workflow w = Workflow.openAndRecover(new WorkflowHome(lane.home()))) {
            List<Series> all = w.exams().list(null).stream().map(Exam::series).flatMap(List::stream).toList();
            Map<SeriesStatus, Integer> byStatus = new EnumMap<>(SeriesStatus.class);
            int beforeFirstLine = 0;
            for (Series s : all) {
                byStatus.merge(s.status(), 1, Integer::sum);
                long journal = JournalLines.count(Path.of(s.rawPath())).lines();
                assertThat(s.status()).as(s.seriesUid()).isIn(SeriesStatus.COMPLETED, SeriesStatus.INTERRUPTED);
                if (s.status() == SeriesStatus.COMPLETED) {
                    assertThat(journal).as("completed series journal").isEqualTo(LINES);
                    assertThat(s.linesReceived()).isEqualTo(LINES);
                } else {
                    assertThat(s.linesReceived()).as("interrupted series " + s.seriesUid() + " counted from its journal").isEqualTo(journal);
                    if (journal == 0) beforeFirstLine++;
                }
            }
            assertThat(all).extracting(Series::seriesUid).containsAll(lane.begun());
            assertThat(lane.ended()).allSatisfy(uid -> assertThat(all).filteredOn(s -> s.seriesUid().equals(uid))
                    .singleElement().extracting(Series::status).isEqualTo(SeriesStatus.COMPLETED));
            assertThat(FileVerifier.run(w.database()).damaged()).isEmpty();
            var v = w.audit().verify();
            assertThat(v.ok()).as(v.describe()).isTrue();
            return new Outcome(byStatus, beforeFirstLine);
        }
    }

    @Test
    void fiftyKillsLoseNoSeries() throws Exception {
        // two homes side by side, 25 kills each: a kill costs a JVM start (H2 and Flyway), and two use both cores
        long t0 = System.nanoTime();
        List<Lane> lanes = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
            List<Future<Lane>> running = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                Path home = tmp.resolve("home" + i);
                long seed = 14 + i;
                running.add(pool.submit(() -> killRepeatedly(home, 25, seed)));
            }
            for (Future<Lane> f : running) lanes.add(f.get());
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        Map<SeriesStatus, Integer> byStatus = new EnumMap<>(SeriesStatus.class);
        long readyNanos = 0;
        int beforeFirstLine = 0;
        for (Lane lane : lanes) {
            Outcome o = verify(lane);
            o.byStatus().forEach((k, v) -> byStatus.merge(k, v, Integer::sum));
            beforeFirstLine += o.beforeFirstLine();
            readyNanos += lane.readyNanos();
        }
        System.out.printf("kill campaign: 50 kills in %.1f s on 2 homes (child start-up to ready %.2f s on average), series %s,"
                + " %d killed before their first line%n", seconds, readyNanos / 50e9, byStatus, beforeFirstLine);
        assertThat(byStatus.getOrDefault(SeriesStatus.INTERRUPTED, 0)).as("kills that hit a series").isGreaterThan(10);
    }

    @Test
    void aSecondProcessSeesTheScanInProgressAndLeavesItAlone() throws Exception {
        Path home = tmp.resolve("mixed");
        Child c = start(home, 2_000, 5);
        try {
            assertThat(c.ready().await(60, TimeUnit.SECONDS)).isTrue();
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (c.out().stream().noneMatch(l -> l.startsWith("BEGIN ")) && System.nanoTime() < deadline) Thread.sleep(20);
            Thread.sleep(300);
            // this JVM is the second process: AUTO_SERVER connects it to the child's database
            try (Workflow w = Workflow.openAndRecover(new WorkflowHome(home))) {
                Series s = w.exams().list("P001").getFirst().series().getFirst();
                assertThat(s.status()).as(String.join("\n", c.out())).isEqualTo(SeriesStatus.IN_PROGRESS);
                assertThat(s.linesReceived()).isPositive();
            }
            kill(c);
            try (Workflow w = Workflow.openAndRecover(new WorkflowHome(home))) {
                Series s = w.exams().list("P001").getFirst().series().getFirst();
                assertThat(s.status()).isEqualTo(SeriesStatus.INTERRUPTED);
                assertThat(s.linesReceived()).isEqualTo(JournalLines.count(Path.of(s.rawPath())).lines()).isPositive();
                assertThat(w.audit().entries()).extracting(e -> e.action()).contains("scan.interrupted");
            }
        } finally {
            c.process().destroyForcibly();
        }
    }
}
