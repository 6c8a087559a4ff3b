package org.lodestone.recon.fft;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.Optional;

/**
 * Single-precision FFTW 3 (Debian's {@code libfftw3f.so.3}) through the FFM API. Plans are made once per size
 * on native scratch memory with {@code FFTW_MEASURE | FFTW_UNALIGNED} and then run on Java arrays directly
 * ({@code fftwf_execute_dft} as a critical downcall with heap access: no copies). {@link #load()} is empty
 * when the library is missing, so callers keep the pure-Java path.
 */
public final class Fftw {
    private static final int FFTW_FORWARD = -1;
    private static final int FFTW_BACKWARD = 1;
    private static final int FFTW_MEASURE = 0;
    private static final int FFTW_UNALIGNED = 1 << 1;
    private static final Optional<Fftw> INSTANCE = tryLoad();

    private final MethodHandle planDft;
    private final MethodHandle executeDft;
    private final MethodHandle destroyPlan;

    private Fftw(SymbolLookup lib) {
        Linker linker = Linker.nativeLinker();
        planDft = linker.downcallHandle(lib.find("fftwf_plan_dft").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.JAVA_INT, ValueLayout.ADDRESS,
                        ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
        executeDft = linker.downcallHandle(lib.find("fftwf_execute_dft").orElseThrow(),
                FunctionDescriptor.ofVoid(ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.ADDRESS),
                Linker.Option.critical(true));
        destroyPlan = linker.downcallHandle(lib.find("fftwf_destroy_plan").orElseThrow(),
                FunctionDescriptor.ofVoid(ValueLayout.ADDRESS));
    }

    private static Optional<Fftw> tryLoad() {
        try {
            return Optional.of(new Fftw(SymbolLookup.libraryLookup("libfftw3f.so.3", Arena.global())));
        } catch (RuntimeException | LinkageError e) {
            return Optional.empty(); // no libfftw3f (or native access denied): JTransforms does the work
        }
    }

    /** The library, if it could be loaded. */
    public static Optional<Fftw> load() {
        return INSTANCE;
    }

    /**
     * An in-place complex transform of {@code dims} (slowest first, e.g. {nz, ny, nx}), unscaled.
     * Planning is not thread-safe in FFTW, so it is serialised here; executing a plan is.
     */
    public Plan plan(boolean inverse, int... dims) {
        long n = 1;
        for (int d : dims) n *= d;
        synchronized (Fftw.class) {
            try (Arena a = Arena.ofConfined()) {
                MemorySegment dimSeg = a.allocateFrom(ValueLayout.JAVA_INT, dims);
                MemorySegment scratch = a.allocate(8 * n, 64);
                MemorySegment p = (MemorySegment) planDft.invokeExact(dims.length, dimSeg, scratch, scratch,
                        inverse ? FFTW_BACKWARD : FFTW_FORWARD, FFTW_MEASURE | FFTW_UNALIGNED);
                if (p.equals(MemorySegment.NULL)) {
                    throw new IllegalStateException("FFTW could not plan a transform of " + java.util.Arrays.toString(dims));
                }
                return new Plan(p, 2 * n);
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Throwable t) {
                throw new IllegalStateException("FFTW planning failed: " + t, t);
            }
        }
    }

    /** A reusable FFTW plan; close it to free the plan. */
    public final class Plan implements AutoCloseable {
        private final MemorySegment plan;
        private final long floats;
        private boolean closed;

        private Plan(MemorySegment plan, long floats) {
            this.plan = plan;
            this.floats = floats;
        }

        /** Transforms {@code a} (interleaved complex, fastest dimension last in {@code dims}) in place. */
        public void execute(float[] a) {
            if (a.length != floats) {
                throw new IllegalArgumentException("array has " + a.length + " floats, plan expects " + floats);
            }
            if (closed) throw new IllegalStateException("plan is closed");
            MemorySegment s = MemorySegment.ofArray(a);
            try {
                executeDft.invokeExact(plan, s, s);
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Throwable t) {
                throw new IllegalStateException("FFTW execution failed: " + t, t);
            }
        }

        @Override
        public synchronized void close() {
            if (closed) return;
            closed = true;
            synchronized (Fftw.class) {
                try {
                    destroyPlan.invokeExact(plan);
                } catch (Throwable t) {
                    throw new IllegalStateException("FFTW destroy failed: " + t, t);
                }
            }
        }
    }
}
