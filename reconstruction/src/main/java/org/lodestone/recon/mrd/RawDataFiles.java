package org.lodestone.recon.mrd;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/** Opens raw data in either format Lodestone understands: ISMRMRD HDF5 or an MRD v1 stream. */
public final class RawDataFiles {

    /** The 8-byte HDF5 superblock signature. */
    private static final byte[] HDF5_SIGNATURE = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};

    public enum Format { ISMRMRD_HDF5, MRD_STREAM }

    private RawDataFiles() {
    }

    /**
     * HDF5 if the signature is at byte 0 or 512 (an HDF5 user block shifts it by a power of two ≥ 512), or, for a
     * file too short to sniff, if the name ends in .h5/.hdf5; otherwise an MRD stream.
     */
    public static Format detect(Path path) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(path)) {
            head = in.readNBytes(520);
        }
        if (startsWithSignature(head, 0) || startsWithSignature(head, 512)) {
            return Format.ISMRMRD_HDF5;
        }
        String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
        boolean h5Name = name.endsWith(".h5") || name.endsWith(".hdf5");
        return h5Name && head.length < HDF5_SIGNATURE.length ? Format.ISMRMRD_HDF5 : Format.MRD_STREAM;
    }

    /** Reads the whole file with the reader for its format (HDF5 group {@code dataset}). */
    public static MrdStreamReader.Result read(Path path) throws IOException {
        return switch (detect(path)) {
            case ISMRMRD_HDF5 -> IsmrmrdHdf5Reader.read(path);
            case MRD_STREAM -> MrdStreamReader.read(path);
        };
    }

    private static boolean startsWithSignature(byte[] head, int offset) {
        return head.length >= offset + HDF5_SIGNATURE.length
                && Arrays.equals(head, offset, offset + HDF5_SIGNATURE.length, HDF5_SIGNATURE, 0,
                HDF5_SIGNATURE.length);
    }
}
