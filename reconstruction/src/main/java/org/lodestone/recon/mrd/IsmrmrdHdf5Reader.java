package org.lodestone.recon.mrd;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Node;
import java.io.IOException;
import java.lang.reflect.Array;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads an ISMRMRD HDF5 dataset (as written by the ISMRMRD C++ library, e.g.
 * {@code ismrmrd_generate_cartesian_shepp_logan}) with the pure-Java jHDF library: the XML header from
 * {@code /<group>/xml} and the acquisitions from the compound dataset {@code /<group>/data} (fields
 * {@code head}, {@code traj}, {@code data}; the last two variable-length float arrays). The group is
 * {@code dataset} unless given.
 *
 * <p>The result has the same shape as {@link MrdStreamReader.Result}. If the acquisition dataset cannot be
 * read in one go (truncated or damaged file), it is read again in blocks and every block that decodes is kept;
 * {@code problem} then names the dataset and the first acquisition index that failed. A file that is not
 * HDF5 at all, or has no readable XML header, raises an {@link IOException} naming the file and dataset.
 */
public final class IsmrmrdHdf5Reader {

    public static final String DEFAULT_GROUP = "dataset";
    /** Acquisitions per block when falling back to partial reads of a damaged dataset. */
    private static final int RECOVERY_BLOCK = 16;

    private IsmrmrdHdf5Reader() {
    }

    public static MrdStreamReader.Result read(Path path) throws IOException {
        return read(path, DEFAULT_GROUP);
    }

    public static MrdStreamReader.Result read(Path path, String group) throws IOException {
        String cut = truncation(path);
        HdfFile file;
        try {
            file = new HdfFile(path);
        } catch (RuntimeException e) {
            throw new IOException("cannot open " + path + " as HDF5 (" + (cut != null ? cut : "truncated or not an HDF5 file")
                    + "): " + rootMessage(e), e);
        }
        try (file) {
            String xmlPath = "/" + group + "/xml";
            String dataPath = "/" + group + "/data";
            String xml;
            try {
                xml = readXml(path, file, xmlPath);
            } catch (IOException e) {
                throw cut == null ? e : new IOException(e.getMessage() + " (" + cut + "; the ISMRMRD library writes the "
                        + "group's index late in the file, so nothing before the cut can be located)", e);
            }
            if (cut != null) {
                MrdStreamReader.Result r = readData(path, file, xml, dataPath);
                return new MrdStreamReader.Result(xml, r.acquisitions(), false, (r.problem() != null ? r.problem() + "; "
                        : "HDF5 dataset " + dataPath + " in " + path + " read whole (" + r.acquisitions().size()
                        + " acquisitions) but ") + cut);
            }
            return readData(path, file, xml, dataPath);
        } catch (RuntimeException e) {
            throw new IOException("cannot read " + path + " as ISMRMRD HDF5: " + rootMessage(e), e);
        }
    }

    /** "the file is truncated: …" if the file is shorter than the end-of-file address in its superblock, else null. */
    static String truncation(Path path) throws IOException {
        long size = java.nio.file.Files.size(path);
        byte[] head;
        try (var in = java.nio.file.Files.newInputStream(path)) {
            head = in.readNBytes(64);
        }
        if (head.length < 48 || head[0] != (byte) 0x89 || head[1] != 'H') return null;
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(head).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        int version = head[8];
        int offsets = version <= 1 ? head[13] : head[9];
        if (offsets != 8) return null; // only the common 8-byte addresses are checked
        int eofAt = switch (version) {
            case 0 -> 40;
            case 1 -> 44;
            default -> 28;
        };
        long eof = b.getLong(eofAt);
        return eof > size ? "the file is truncated: " + size + " of " + eof + " bytes" : null;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) t = t.getCause();
        return t == e ? String.valueOf(e.getMessage()) : e.getMessage() + " (" + t.getMessage() + ")";
    }

    private static MrdStreamReader.Result readData(Path path, HdfFile file, String xml, String dataPath) {
        {
            Dataset data;
            try {
                data = file.getDatasetByPath(dataPath);
            } catch (RuntimeException e) {
                return new MrdStreamReader.Result(xml, List.of(), false, "HDF5 dataset " + dataPath + " in " + path
                        + " cannot be read: " + rootMessage(e));
            }
            int total = Math.toIntExact(data.getDimensions()[0]);
            try {
                return new MrdStreamReader.Result(xml, decode(asMap(data.getData()), 0, dataPath), true, null);
            } catch (RuntimeException whole) {
                return recover(path, data, dataPath, total, xml, whole);
            }
        }
    }

    /** Reads block by block and stops at the first block that fails, keeping everything before it. */
    private static MrdStreamReader.Result recover(Path path, Dataset data, String dataPath, int total, String xml,
                                                  RuntimeException whole) {
        List<Acquisition> kept = new ArrayList<>();
        for (int start = 0; start < total; start += RECOVERY_BLOCK) {
            int n = Math.min(RECOVERY_BLOCK, total - start);
            try {
                kept.addAll(decode(asMap(data.getData(new long[] {start}, new int[] {n})), start, dataPath));
            } catch (RuntimeException block) {
                // Retry the failing block one acquisition at a time so we keep as much as possible.
                for (int i = start; i < start + n; i++) {
                    try {
                        kept.addAll(decode(asMap(data.getData(new long[] {i}, new int[] {1})), i, dataPath));
                    } catch (RuntimeException single) {
                        return new MrdStreamReader.Result(xml, kept, false, "HDF5 dataset " + dataPath + " in " + path
                                + " is damaged at acquisition " + i + " of " + total + " (" + single.getMessage()
                                + "); kept " + kept.size() + " complete acquisitions");
                    }
                }
            }
        }
        return new MrdStreamReader.Result(xml, kept, false, "HDF5 dataset " + dataPath + " in " + path
                + " could not be read in one piece (" + whole.getMessage() + ") but every block decoded; kept "
                + kept.size() + " acquisitions");
    }

    private static String readXml(Path path, HdfFile file, String xmlPath) throws IOException {
        try {
            Node node = file.getByPath(xmlPath);
            if (!(node instanceof Dataset d)) {
                throw new IOException(xmlPath + " in " + path + " is not a dataset");
            }
            Object v = d.getData();
            if (v instanceof String s) {
                return s;
            }
            if (v instanceof String[] arr && arr.length > 0) {
                return arr[0];
            }
            throw new IOException("HDF5 dataset " + xmlPath + " in " + path + " does not hold a string (got "
                    + v.getClass().getSimpleName() + ")");
        } catch (RuntimeException e) {
            throw new IOException("cannot read the ISMRMRD XML header, HDF5 dataset " + xmlPath + " in " + path + ": "
                    + e.getMessage(), e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object o) {
        if (o instanceof Map<?, ?> m) {
            return (Map<String, Object>) m;
        }
        throw new IllegalArgumentException("expected a compound dataset, got " + o.getClass().getSimpleName());
    }

    /** Converts jHDF's column-wise compound data (one array per field) into acquisitions. */
    private static List<Acquisition> decode(Map<String, Object> columns, int firstIndex, String dataPath) {
        Map<String, Object> head = asMap(field(columns, "head", dataPath));
        Object traj = field(columns, "traj", dataPath);
        Object data = field(columns, "data", dataPath);
        Map<String, Object> idx = asMap(field(head, "idx", dataPath + ".head"));
        int n = Array.getLength(data);
        List<Acquisition> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            try {
                int[] user = new int[EncodingCounters.USER_COUNT];
                Object userCol = idx.get("user");
                if (userCol != null) {
                    Object row = Array.get(userCol, i);
                    for (int u = 0; u < user.length; u++) {
                        user[u] = (int) longOf(Array.get(row, u));
                    }
                }
                EncodingCounters counters = new EncodingCounters(
                        intAt(idx, "kspace_encode_step_1", i), intAt(idx, "kspace_encode_step_2", i),
                        intAt(idx, "average", i), intAt(idx, "slice", i), intAt(idx, "contrast", i),
                        intAt(idx, "phase", i), intAt(idx, "repetition", i), intAt(idx, "set", i),
                        intAt(idx, "segment", i), user);
                float[][] v = {vec3(head, "position", i), vec3(head, "read_dir", i), vec3(head, "phase_dir", i),
                        vec3(head, "slice_dir", i), vec3(head, "patient_table_position", i)};
                AcquisitionHeader h = AcquisitionHeader.builder()
                        .version(intAt(head, "version", i))
                        .flags(longAt(head, "flags", i))
                        .measurementUid(longAt(head, "measurement_uid", i))
                        .scanCounter(longAt(head, "scan_counter", i))
                        .acquisitionTimeStamp(longAt(head, "acquisition_time_stamp", i))
                        .physiologyTimeStamp(longRow(head, "physiology_time_stamp", i, AcquisitionHeader.PHYS_STAMPS))
                        .numberOfSamples(intAt(head, "number_of_samples", i))
                        .availableChannels(intAt(head, "available_channels", i))
                        .activeChannels(intAt(head, "active_channels", i))
                        .channelMask(longRow(head, "channel_mask", i, AcquisitionHeader.CHANNEL_MASKS))
                        .discardPre(intAt(head, "discard_pre", i))
                        .discardPost(intAt(head, "discard_post", i))
                        .centerSample(intAt(head, "center_sample", i))
                        .encodingSpaceRef(intAt(head, "encoding_space_ref", i))
                        .trajectoryDimensions(intAt(head, "trajectory_dimensions", i))
                        .sampleTimeUs(floatAt(head, "sample_time_us", i))
                        .position(v[0][0], v[0][1], v[0][2])
                        .readDir(v[1][0], v[1][1], v[1][2])
                        .phaseDir(v[2][0], v[2][1], v[2][2])
                        .sliceDir(v[3][0], v[3][1], v[3][2])
                        .patientTablePosition(v[4][0], v[4][1], v[4][2])
                        .idx(counters)
                        .userInt(intRow(head, "user_int", i, AcquisitionHeader.USER_INTS))
                        .userFloat(floatRow(head, "user_float", i, AcquisitionHeader.USER_FLOATS))
                        .build();
                out.add(new Acquisition(h, (float[]) Array.get(traj, i), (float[]) Array.get(data, i)));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("acquisition " + (firstIndex + i) + " of " + dataPath + ": "
                        + e.getMessage(), e);
            }
        }
        return out;
    }

    private static Object field(Map<String, Object> m, String name, String where) {
        Object v = m.get(name);
        if (v == null) {
            throw new IllegalArgumentException(where + " has no field '" + name + "' (fields: " + m.keySet() + ")");
        }
        return v;
    }

    private static long longOf(Object v) {
        if (v instanceof BigInteger b) {
            return b.longValue(); // uint64 bit pattern
        }
        if (v instanceof Number n) {
            return n.longValue();
        }
        throw new IllegalArgumentException("expected a number, got " + v);
    }

    private static long longAt(Map<String, Object> m, String name, int i) {
        return longOf(Array.get(field(m, name, "head"), i));
    }

    private static int intAt(Map<String, Object> m, String name, int i) {
        return (int) longAt(m, name, i);
    }

    private static float floatAt(Map<String, Object> m, String name, int i) {
        return ((Number) Array.get(field(m, name, "head"), i)).floatValue();
    }

    private static long[] longRow(Map<String, Object> m, String name, int i, int n) {
        Object row = Array.get(field(m, name, "head"), i);
        long[] out = new long[n];
        for (int k = 0; k < n; k++) {
            out[k] = longOf(Array.get(row, k));
        }
        return out;
    }

    private static int[] intRow(Map<String, Object> m, String name, int i, int n) {
        long[] l = longRow(m, name, i, n);
        int[] out = new int[n];
        for (int k = 0; k < n; k++) {
            out[k] = (int) l[k];
        }
        return out;
    }

    private static float[] floatRow(Map<String, Object> m, String name, int i, int n) {
        Object row = Array.get(field(m, name, "head"), i);
        float[] out = new float[n];
        for (int k = 0; k < n; k++) {
            out[k] = ((Number) Array.get(row, k)).floatValue();
        }
        return out;
    }

    private static float[] vec3(Map<String, Object> m, String name, int i) {
        return floatRow(m, name, i, 3);
    }
}
