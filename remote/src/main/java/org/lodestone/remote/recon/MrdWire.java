package org.lodestone.remote.recon;

import org.lodestone.recon.mrd.Acquisition;
import org.lodestone.recon.mrd.AcquisitionHeader;
import org.lodestone.recon.mrd.AcquisitionHeaderLayout;
import org.lodestone.recon.image.ImageVolume;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * The MRD (ISMRMRD/Gadgetron) streaming protocol over TCP, little-endian, as ISMRMRD's
 * serialization.cpp writes it: uint16 message id, then CONFIG_FILE (1024 bytes, NUL padded),
 * CONFIG_TEXT / TEXT (uint32 length + bytes), HEADER (uint32 length + XML), ACQUISITION (the
 * 340-byte header, trajectory, data), IMAGE (the 198-byte image header, uint64 attribute length,
 * attributes, data), CLOSE (nothing).
 */
public final class MrdWire {
    public static final int CONFIG_FILE = 1;
    public static final int CONFIG_TEXT = 2;
    public static final int HEADER = 3;
    public static final int CLOSE = 4;
    public static final int TEXT = 5;
    public static final int ACQUISITION = 1008;
    public static final int IMAGE = 1022;

    /** ISMRMRD_FLOAT in the image header's data_type. */
    public static final int DATA_TYPE_FLOAT = 5;
    public static final int IMAGE_HEADER_SIZE = 198;
    public static final int CONFIG_FILE_SIZE = 1024;
    /** The most a length field may claim before the stream is taken as corrupt. */
    static final int MAX_TEXT = 64 << 20;

    private MrdWire() {
    }

    static ByteBuffer le(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }

    static void writeId(OutputStream out, int id) throws IOException {
        out.write(le(2).putShort((short) id).array());
    }

    /** CONFIG_TEXT, HEADER or TEXT: id, uint32 length, UTF-8 bytes. */
    static void writeText(OutputStream out, int id, String text) throws IOException {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        out.write(le(6).putShort((short) id).putInt(b.length).array());
        out.write(b);
    }

    static void writeConfigText(OutputStream out, String text) throws IOException {
        writeText(out, CONFIG_TEXT, text);
    }

    static void writeConfigFile(OutputStream out, String name) throws IOException {
        byte[] b = name.getBytes(StandardCharsets.UTF_8);
        if (b.length >= CONFIG_FILE_SIZE) throw new IllegalArgumentException("config name too long");
        writeId(out, CONFIG_FILE);
        out.write(le(CONFIG_FILE_SIZE).put(b).array());
    }

    static void writeAcquisition(OutputStream out, Acquisition a) throws IOException {
        float[] traj = a.trajectory();
        float[] data = a.data();
        ByteBuffer b = le(2 + AcquisitionHeaderLayout.SIZE + 4 * (traj.length + data.length));
        b.putShort((short) ACQUISITION).put(AcquisitionHeaderLayout.encode(a.header()));
        for (float f : traj) b.putFloat(f);
        for (float f : data) b.putFloat(f);
        out.write(b.array());
    }

    /** One slice of a volume as a real-valued (magnitude) float image. */
    static void writeImage(OutputStream out, ImageVolume v, int z, int seriesIndex) throws IOException {
        int nx = v.nx(), ny = v.ny();
        ByteBuffer h = le(2 + IMAGE_HEADER_SIZE + 8 + 4 * nx * ny);
        h.putShort((short) IMAGE);
        h.putShort((short) 1);                       // version
        h.putShort((short) DATA_TYPE_FLOAT);         // data_type
        h.putLong(0);                                // flags
        h.putInt(0);                                 // measurement_uid
        h.putShort((short) nx).putShort((short) ny).putShort((short) 1);
        h.putFloat((float) (nx * v.dxMm())).putFloat((float) (ny * v.dyMm())).putFloat((float) v.dzMm());
        h.putShort((short) 1);                       // channels
        double offset = z * v.dzMm(); // the volume's position is slice 0's centre: slice z's is z steps on
        double[] pos = v.positionLps(), s = v.sliceDir();
        for (int i = 0; i < 3; i++) h.putFloat((float) (pos[i] + offset * s[i]));
        for (double d : v.readDir()) h.putFloat((float) d);
        for (double d : v.phaseDir()) h.putFloat((float) d);
        for (double d : s) h.putFloat((float) d);
        for (int i = 0; i < 3; i++) h.putFloat(0);   // patient_table_position
        h.putShort((short) 0).putShort((short) z);   // average, slice
        h.putShort((short) 0).putShort((short) 0).putShort((short) 0).putShort((short) 0); // contrast, phase, repetition, set
        h.putInt(0);                                 // acquisition_time_stamp
        for (int i = 0; i < 3; i++) h.putInt(0);     // physiology_time_stamp
        h.putShort((short) 1);                       // image_type: magnitude
        h.putShort((short) (z + 1));                 // image_index
        h.putShort((short) seriesIndex);             // image_series_index
        for (int i = 0; i < 8; i++) h.putInt(0);     // user_int
        for (int i = 0; i < 8; i++) h.putFloat(0);   // user_float
        h.putInt(0);                                 // attribute_string_len
        h.putLong(0);                                // the stream's own uint64 attribute length
        for (float f : v.slice(z)) h.putFloat(f);
        out.write(h.array());
    }

    static int readId(DataInputStream in) throws IOException {
        int lo = in.read();
        if (lo < 0) throw new EOFException("the stream ended before a close message");
        int hi = in.read();
        if (hi < 0) throw new EOFException("the stream ended inside a message id");
        return lo | hi << 8;
    }

    static long u32(DataInputStream in) throws IOException {
        return Integer.toUnsignedLong(Integer.reverseBytes(in.readInt()));
    }

    static String readText(DataInputStream in) throws IOException {
        long n = u32(in);
        if (n > MAX_TEXT) throw new IOException("a text of " + n + " bytes is implausible; the stream is corrupt");
        byte[] b = in.readNBytes((int) n);
        if (b.length < n) throw new EOFException("the stream ended inside a text message");
        int len = b.length > 0 && b[b.length - 1] == 0 ? b.length - 1 : b.length;
        return new String(b, 0, len, StandardCharsets.UTF_8);
    }

    static String readConfigFile(DataInputStream in) throws IOException {
        byte[] b = in.readNBytes(CONFIG_FILE_SIZE);
        if (b.length < CONFIG_FILE_SIZE) throw new EOFException("the stream ended inside a config file message");
        int n = 0;
        while (n < b.length && b[n] != 0) n++;
        return new String(b, 0, n, StandardCharsets.UTF_8);
    }

    static Acquisition readAcquisition(DataInputStream in) throws IOException {
        byte[] head = in.readNBytes(AcquisitionHeaderLayout.SIZE);
        if (head.length < AcquisitionHeaderLayout.SIZE) throw new EOFException("the stream ended inside an acquisition header");
        AcquisitionHeader h = AcquisitionHeaderLayout.decode(ByteBuffer.wrap(head).order(ByteOrder.LITTLE_ENDIAN));
        long trajFloats = (long) h.trajectoryDimensions() * h.numberOfSamples();
        long dataFloats = 2L * h.activeChannels() * h.numberOfSamples();
        long payload = 4 * (trajFloats + dataFloats);
        if (payload > MAX_TEXT) throw new IOException("an acquisition of " + payload + " bytes is implausible; the stream is corrupt");
        byte[] body = in.readNBytes((int) payload);
        if (body.length < payload) throw new EOFException("the stream ended inside acquisition " + h.scanCounter());
        ByteBuffer b = ByteBuffer.wrap(body).order(ByteOrder.LITTLE_ENDIAN);
        float[] traj = new float[(int) trajFloats];
        float[] data = new float[(int) dataFloats];
        b.asFloatBuffer().get(traj).get(data);
        return new Acquisition(h, traj, data);
    }

    /** A slice as the image message carries it. */
    record ImageSlice(int nx, int ny, int slice, float[] fovMm, float[] position, float[] readDir, float[] phaseDir,
                      float[] sliceDir, float[] data) {
    }

    static ImageSlice readImage(DataInputStream in) throws IOException {
        byte[] hb = in.readNBytes(IMAGE_HEADER_SIZE + 8);
        if (hb.length < IMAGE_HEADER_SIZE + 8) throw new EOFException("the stream ended inside an image header");
        ByteBuffer h = ByteBuffer.wrap(hb).order(ByteOrder.LITTLE_ENDIAN);
        h.getShort();
        int type = h.getShort();
        h.getLong();
        h.getInt();
        int nx = Short.toUnsignedInt(h.getShort()), ny = Short.toUnsignedInt(h.getShort()), nz = Short.toUnsignedInt(h.getShort());
        float[] fov = {h.getFloat(), h.getFloat(), h.getFloat()};
        int channels = Short.toUnsignedInt(h.getShort());
        float[] pos = {h.getFloat(), h.getFloat(), h.getFloat()};
        float[] read = {h.getFloat(), h.getFloat(), h.getFloat()};
        float[] phase = {h.getFloat(), h.getFloat(), h.getFloat()};
        float[] sl = {h.getFloat(), h.getFloat(), h.getFloat()};
        h.position(h.position() + 12 + 2);           // table position, average
        int slice = Short.toUnsignedInt(h.getShort());
        long attr = h.getLong(IMAGE_HEADER_SIZE);
        if (type != DATA_TYPE_FLOAT || nz != 1 || channels != 1) {
            throw new IOException("image of type " + type + ", " + nz + " partitions, " + channels + " channels: only 2D float magnitude is taken");
        }
        if (attr > MAX_TEXT) throw new IOException("image attributes of " + attr + " bytes are implausible");
        in.readNBytes((int) attr);
        byte[] db = in.readNBytes(4 * nx * ny);
        if (db.length < 4 * nx * ny) throw new EOFException("the stream ended inside image data");
        float[] data = new float[nx * ny];
        ByteBuffer.wrap(db).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(data);
        return new ImageSlice(nx, ny, slice, fov, pos, read, phase, sl, data);
    }
}
