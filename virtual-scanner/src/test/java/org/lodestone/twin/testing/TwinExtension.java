package org.lodestone.twin.testing;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.lodestone.twin.launch.RunningTwin;
import org.lodestone.twin.launch.TwinLauncher;
import org.lodestone.twin.launch.TwinOptions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * Starts a virtual scanner (a child process through {@link TwinLauncher}) once per test class and stops it
 * after the class; tests that need a twin of their own (another seed or script) call {@link #start}, and
 * those twins are stopped after the test. Used from virtual-scanner, calibration and console-app tests
 * (this module's test-jar):
 * <pre>
 * &#64;RegisterExtension
 * static final TwinExtension twin = TwinExtension.builder().seed(7).truth().build();
 * </pre>
 */
public final class TwinExtension implements BeforeAllCallback, AfterAllCallback, AfterEachCallback {
    private final TwinOptions options;
    private final boolean classTwin;
    private final boolean truth;
    private RunningTwin twin;
    private Path truthDir;
    private final List<AutoCloseable> perTest = new ArrayList<>();

    private TwinExtension(TwinOptions options, boolean classTwin, boolean truth) {
        this.options = options;
        this.classTwin = classTwin;
        this.truth = truth;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds the class's twin; {@link #perTestOnly()} starts none and only stops what tests {@link #start}. */
    public static final class Builder {
        private TwinOptions options = TwinOptions.forTests(1);
        private boolean truth;
        private boolean classTwin = true;

        public Builder seed(long seed) {
            options = options.withSeed(seed);
            return this;
        }

        public Builder speed(double speed) {
            options = options.withSpeed(speed);
            return this;
        }

        /** The twin writes its truth to a temporary folder, {@link #truthDir()}. */
        public Builder truth() {
            truth = true;
            return this;
        }

        public Builder phantom(String name) {
            options = options.withPhantom(name);
            return this;
        }

        public Builder script(Path file) {
            options = options.withScript(file);
            return this;
        }

        public Builder gpioBus() {
            options = options.withGpio(true, null);
            return this;
        }

        public Builder tcp() {
            options = options.withLink(TwinOptions.Link.TCP);
            return this;
        }

        public Builder programMemory(long bytes) {
            options = options.withProgramMemory(bytes);
            return this;
        }

        public Builder args(String... simulatorArgs) {
            options = options.withArgs(simulatorArgs);
            return this;
        }

        /** Any other option. */
        public Builder options(UnaryOperator<TwinOptions> change) {
            options = change.apply(options);
            return this;
        }

        public Builder perTestOnly() {
            classTwin = false;
            return this;
        }

        public TwinExtension build() {
            return new TwinExtension(options, classTwin, truth);
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        if (!classTwin) return;
        TwinOptions o = options;
        if (truth) {
            truthDir = Files.createTempDirectory("twin-truth-");
            o = o.withTruth(truthDir);
        }
        twin = TwinLauncher.start(o);
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        for (AutoCloseable c : perTest.reversed()) c.close();
        perTest.clear();
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        if (twin != null) twin.close();
        twin = null;
        if (truthDir != null) deleteTree(truthDir);
    }

    /** The class's twin. */
    public RunningTwin twin() {
        if (twin == null) throw new IllegalStateException("no class twin: register the extension as a static field, not perTestOnly()");
        return twin;
    }

    /** What the console opens: a pty path or tcp:127.0.0.1:P. */
    public String portSpec() {
        return twin().portSpec();
    }

    /** Where the class's twin writes its truth (with {@link Builder#truth()}). */
    public Path truthDir() {
        return truthDir;
    }

    /** The options the class's twin was started with: a base for {@link #start}. */
    public TwinOptions options() {
        return options;
    }

    /** A twin for this test only, stopped after it. */
    public RunningTwin start(TwinOptions o) throws IOException {
        RunningTwin t = TwinLauncher.start(o);
        perTest.add(t);
        return t;
    }

    /** Closes {@code c} after this test (before the test's twins stop). */
    public <T extends AutoCloseable> T closeAfterTest(T c) {
        perTest.add(c);
        return c;
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }
}
