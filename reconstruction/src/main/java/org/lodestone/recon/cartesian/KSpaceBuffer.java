package org.lodestone.recon.cartesian;

import java.util.ArrayList;
import java.util.List;
import org.lodestone.recon.mrd.Acquisition;
import org.lodestone.recon.mrd.AcquisitionFlag;
import org.lodestone.recon.mrd.AcquisitionHeader;
import org.lodestone.recon.mrd.EncodingSpec;

/**
 * Collects 2D Cartesian readouts into k-space {@code [slice][contrast][channel][ky][kx]}, indexed by
 * {@code idx.kspace_encode_step_1}, {@code idx.slice} and {@code idx.contrast}, averaging repeated lines
 * ({@code idx.average} or plain repeats) by their count.
 *
 * <p>Lines may arrive in any order while the scan runs; all methods are synchronized, so an acquisition
 * thread can {@link #add} while a display thread reconstructs a preview. Noise, navigator, phase-correction,
 * dummy-scan and calibration-only readouts are ignored. Readouts flagged {@code IS_REVERSE} are flipped.
 * 3D encoding ({@code kspace_encode_step_2 > 0}) is not supported.
 */
public final class KSpaceBuffer {

    private static final List<AcquisitionFlag> IGNORED = List.of(AcquisitionFlag.IS_NOISE_MEASUREMENT,
            AcquisitionFlag.IS_NAVIGATION_DATA, AcquisitionFlag.IS_PHASECORR_DATA, AcquisitionFlag.IS_DUMMYSCAN_DATA,
            AcquisitionFlag.IS_PARALLEL_CALIBRATION, AcquisitionFlag.IS_HPFEEDBACK_DATA,
            AcquisitionFlag.IS_RTFEEDBACK_DATA, AcquisitionFlag.IS_SURFACECOILCORRECTIONSCAN_DATA);

    private final int nx;
    private final int ny;
    private final int slices;
    private final int contrasts;
    private final int channels;
    private final int averages;
    /** Complex sums, interleaved, per [slice][contrast][channel]. */
    private final float[][][][] sums;
    /** Number of readouts summed per [slice][contrast][ky]. */
    private final int[][][] counts;
    /** Header of the first readout of each slice: carries the slice geometry. */
    private final AcquisitionHeader[] sliceGeometry;
    /** Lines still missing per [slice][contrast]. */
    private final int[][] missing;
    /** Lines with fewer than {@code averages} readouts per [slice][contrast]; reaching 0 fires the listeners once. */
    private final int[][] unaveraged;
    /** The ky lines an undersampled scan acquires, or null for all of them. */
    private boolean[] expected;
    private final java.util.List<SliceReadyListener> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();

    /**
     * @param averages expected readouts per line (used only for progress, see {@link #expectedReadouts()})
     */
    public KSpaceBuffer(int nx, int ny, int slices, int contrasts, int channels, int averages) {
        for (int v : new int[] {nx, ny, slices, contrasts, channels, averages}) {
            if (v < 1) {
                throw new IllegalArgumentException("k-space dimensions must be positive: nx=" + nx + " ny=" + ny
                        + " slices=" + slices + " contrasts=" + contrasts + " channels=" + channels
                        + " averages=" + averages);
            }
        }
        this.nx = nx;
        this.ny = ny;
        this.slices = slices;
        this.contrasts = contrasts;
        this.channels = channels;
        this.averages = averages;
        this.sums = new float[slices][contrasts][channels][2 * nx * ny];
        this.counts = new int[slices][contrasts][ny];
        this.sliceGeometry = new AcquisitionHeader[slices];
        this.missing = new int[slices][contrasts];
        this.unaveraged = new int[slices][contrasts];
        for (int s = 0; s < slices; s++) {
            java.util.Arrays.fill(missing[s], ny);
            java.util.Arrays.fill(unaveraged[s], ny);
        }
    }

    /**
     * Declares that only these ky lines will come (an undersampled scan), before any line is added: a slice is
     * then complete, and its listeners hear it, once these lines have all their averages.
     */
    public synchronized void expectOnlyLines(boolean[] lines) {
        if (lines.length != ny) throw new IllegalArgumentException("line pattern has " + lines.length + " lines, buffer " + ny);
        if (receivedReadouts() > 0) throw new IllegalStateException("the line pattern must be declared before the first line");
        int n = 0;
        for (boolean l : lines) if (l) n++;
        if (n == 0) throw new IllegalArgumentException("a line pattern without lines");
        for (int[] s : unaveraged) java.util.Arrays.fill(s, n);
        expected = lines.clone();
    }

    /** Registers a listener for completed slices (see {@link SliceReadyListener}). */
    public void addSliceReadyListener(SliceReadyListener listener) {
        listeners.add(java.util.Objects.requireNonNull(listener, "listener"));
    }

    /** Sized from the header: nx = encoded matrix x, ny = max(matrix y, encode_step_1 max + 1). */
    public static KSpaceBuffer forSpec(EncodingSpec spec) {
        return new KSpaceBuffer(spec.matrixX(), Math.max(spec.matrixY(), spec.phaseEncodeLines()), spec.slices(),
                spec.contrasts(), spec.receiverChannels(), spec.averages());
    }

    /**
     * Adds one readout.
     *
     * @return false if the readout is not image data (noise, navigator, …) and was ignored
     * @throws IllegalArgumentException if its counters or sizes do not fit this buffer (message says why)
     */
    public boolean add(Acquisition acquisition) {
        int completed = addLocked(acquisition);
        if (completed >= 0) {
            int slice = completed / contrasts;
            int contrast = completed % contrasts;
            for (SliceReadyListener l : listeners) {
                l.sliceReady(this, slice, contrast);
            }
        }
        return completed != IGNORED_READOUT;
    }

    private static final int IGNORED_READOUT = -2;
    private static final int NOTHING_COMPLETED = -1;

    /** Returns slice·contrasts+contrast if this readout completed that slice, else one of the codes above. */
    private synchronized int addLocked(Acquisition acquisition) {
        AcquisitionHeader h = acquisition.header();
        for (AcquisitionFlag f : IGNORED) {
            if (h.isSet(f)) {
                return IGNORED_READOUT;
            }
        }
        var idx = h.idx();
        int ky = idx.kspaceEncodeStep1();
        check("kspace_encode_step_1", ky, ny);
        check("slice", idx.slice(), slices);
        check("contrast", idx.contrast(), contrasts);
        if (expected != null && !expected[ky]) {
            throw new IllegalArgumentException("kspace_encode_step_1 = " + ky + " is not one of the lines this scan declared");
        }
        if (idx.kspaceEncodeStep2() != 0) {
            throw new IllegalArgumentException("kspace_encode_step_2 = " + idx.kspaceEncodeStep2()
                    + ": 3D encoding is not supported by the 2D Cartesian buffer");
        }
        if (h.activeChannels() != channels) {
            throw new IllegalArgumentException("readout has " + h.activeChannels() + " channels, buffer expects "
                    + channels);
        }
        int samples = h.numberOfSamples();
        int first;
        if (samples == nx) {
            first = 0;
        } else if (samples - h.discardPre() - h.discardPost() == nx) {
            first = h.discardPre();
        } else {
            throw new IllegalArgumentException("readout has " + samples + " samples (discard " + h.discardPre() + "/"
                    + h.discardPost() + "), buffer expects " + nx);
        }
        int completed = NOTHING_COMPLETED;
        boolean reverse = h.isSet(AcquisitionFlag.IS_REVERSE);
        float[] data = acquisition.data();
        for (int c = 0; c < channels; c++) {
            float[] target = sums[idx.slice()][idx.contrast()][c];
            int src = 2 * (c * samples + first);
            int row = 2 * ky * nx;
            for (int x = 0; x < nx; x++) {
                int s = src + 2 * (reverse ? nx - 1 - x : x);
                target[row + 2 * x] += data[s];
                target[row + 2 * x + 1] += data[s + 1];
            }
        }
        int count = ++counts[idx.slice()][idx.contrast()][ky];
        if (count == 1) {
            --missing[idx.slice()][idx.contrast()];
        }
        // ready when every line has all its averages, so a streamed slice is the final one
        if (count == averages && --unaveraged[idx.slice()][idx.contrast()] == 0) {
            completed = idx.slice() * contrasts + idx.contrast();
        }
        if (sliceGeometry[idx.slice()] == null) {
            sliceGeometry[idx.slice()] = h;
        }
        return completed;
    }

    /** Averaged k-space of one channel, interleaved complex, kx fastest; lines not yet acquired are zero. */
    public synchronized float[] kspace(int slice, int contrast, int channel) {
        float[] sum = sums[slice][contrast][channel];
        int[] n = counts[slice][contrast];
        float[] out = new float[sum.length];
        for (int ky = 0; ky < ny; ky++) {
            if (n[ky] == 0) {
                continue;
            }
            float scale = 1f / n[ky];
            for (int i = 2 * ky * nx, end = 2 * (ky + 1) * nx; i < end; i++) {
                out[i] = sum[i] * scale;
            }
        }
        return out;
    }

    /** ky lines of this slice/contrast with no readout yet, ascending. */
    public synchronized List<Integer> missingLines(int slice, int contrast) {
        List<Integer> missing = new ArrayList<>();
        for (int ky = 0; ky < ny; ky++) {
            if (counts[slice][contrast][ky] == 0) {
                missing.add(ky);
            }
        }
        return missing;
    }

    /** Readouts needed for a full scan: ny (or the declared lines) × slices × contrasts × averages. */
    public synchronized long expectedReadouts() {
        long lines = ny;
        if (expected != null) {
            lines = 0;
            for (boolean l : expected) if (l) lines++;
        }
        return lines * slices * contrasts * averages;
    }

    public synchronized long receivedReadouts() {
        long total = 0;
        for (int[][] s : counts) {
            for (int[] c : s) {
                for (int n : c) {
                    total += n;
                }
            }
        }
        return total;
    }

    /** True once every ky line of every slice and contrast has at least one readout. */
    public synchronized boolean allLinesPresent() {
        for (int s = 0; s < slices; s++) {
            for (int c = 0; c < contrasts; c++) {
                for (int n : counts[s][c]) {
                    if (n == 0) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    /** Header of the first readout of {@code slice} (for its geometry), or null if none arrived yet. */
    public synchronized AcquisitionHeader sliceGeometry(int slice) {
        return sliceGeometry[slice];
    }

    public int nx() { return nx; }
    public int ny() { return ny; }
    public int slices() { return slices; }
    public int contrasts() { return contrasts; }
    public int channels() { return channels; }
    public int averages() { return averages; }

    private static void check(String name, int value, int size) {
        if (value >= size) {
            throw new IllegalArgumentException(name + " = " + value + " is outside 0.." + (size - 1)
                    + " declared in the header");
        }
    }
}
