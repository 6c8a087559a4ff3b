package org.lodestone.recon.mrd;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Kills a real writer process with SIGKILL and checks that every acquisition it reported is recoverable. */
class MrdWriterCrashTest {

    static final int APPENDED = 20;

    @TempDir
    Path dir;

    /** Runs in the child JVM: appends, reports, then waits to be killed without closing the writer. */
    public static final class WriterProcess {
        public static void main(String[] args) throws Exception {
            // Long force interval: recovery must not depend on fsync, only on each message reaching the OS.
            MrdStreamWriter w = MrdStreamWriter.create(Path.of(args[0]), MrdStreamTest.XML, Duration.ofHours(1));
            for (Acquisition a : MrdStreamTest.acquisitions(APPENDED)) {
                w.append(a);
            }
            System.out.println("appended " + w.acquisitionsWritten());
            System.out.flush();
            Thread.sleep(60_000);
        }
    }

    @Test
    void everyAcquisitionAppendedBeforeSigkillIsRead() throws Exception {
        Path file = dir.resolve("raw.mrd");
        String java = ProcessHandle.current().info().command().orElse("java");
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                WriterProcess.class.getName(), file.toString()).redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            assertThat(out.readLine()).isEqualTo("appended " + APPENDED);
        } finally {
            child.destroyForcibly(); // SIGKILL: no shutdown hooks, no close message
            child.waitFor(10, TimeUnit.SECONDS);
        }

        MrdStreamReader.Result r = MrdStreamReader.read(file);
        List<Acquisition> expected = MrdStreamTest.acquisitions(APPENDED);
        assertThat(r.complete()).isFalse();
        assertThat(r.xml()).isEqualTo(MrdStreamTest.XML);
        assertThat(r.acquisitions()).containsExactlyElementsOf(expected);
    }
}
