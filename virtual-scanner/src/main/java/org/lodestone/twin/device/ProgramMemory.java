package org.lodestone.twin.device;

import org.lodestone.hw.program.DeviceProgram;
import org.lodestone.hw.program.ProgramCodec;
import org.lodestone.hw.wire.Message.Capabilities;
import org.lodestone.hw.wire.Message.StreamNext;
import org.lodestone.hw.wire.Message.UploadChunk;
import org.lodestone.hw.wire.ProtocolException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.zip.CRC32C;

import static org.lodestone.twin.device.DeviceServer.NACK_CRC;
import static org.lodestone.twin.device.DeviceServer.NACK_PROGRAM;
import static org.lodestone.twin.device.DeviceServer.NACK_STATE;
import static org.lodestone.twin.device.DeviceServer.NACK_TOO_LARGE;

/**
 * The board's program memory, kept across host connections like a real board's: uploads assembled and
 * checked, resident programs with their size (oldest first, dropped when room is needed), the armed
 * program, and the segment queues of streamed programs.
 */
final class ProgramMemory {
    private static final Logger log = LoggerFactory.getLogger(ProgramMemory.class);

    private final Capabilities capabilities;
    private final Map<Integer, DeviceProgram> programs = new HashMap<>();
    /** Bytes each resident program takes, oldest upload first. */
    private final Map<Integer, Integer> programBytes = new LinkedHashMap<>();
    /** Streamed programs by the id of their first segment: the segments queued behind it. */
    private final Map<Integer, StreamQueue> streams = new HashMap<>();
    private Upload upload;
    private int armedId = -1;

    ProgramMemory(Capabilities capabilities) {
        this.capabilities = capabilities;
    }

    /** A program arriving in chunks, in any order (a lost chunk is retransmitted after later ones). */
    private record Upload(int id, int total, long crc, byte[] image, BitSet have) {
        boolean complete() {
            return have.nextClearBit(0) >= total;
        }
    }

    /** One UPLOAD_CHUNK; {@code playingId} is the segment in play (its memory is held), -1 if none. Null = ACK. */
    synchronized Refusal receive(UploadChunk u, int playingId) {
        if (u.totalBytes() > capabilities.programMemoryBytes()) {
            return new Refusal(NACK_TOO_LARGE, "program of " + u.totalBytes() + " bytes exceeds the "
                    + capabilities.programMemoryBytes() + "-byte program memory");
        }
        Upload up = upload;
        if (up == null || up.id() != u.programId() || up.total() != u.totalBytes() || up.crc() != u.programCrc()) {
            String full = makeRoom(u.programId(), u.totalBytes(), playingId);
            if (full != null) return new Refusal(NACK_TOO_LARGE, full);
            up = new Upload(u.programId(), u.totalBytes(), u.programCrc(), new byte[u.totalBytes()], new BitSet(u.totalBytes()));
            upload = up;
        }
        System.arraycopy(u.chunk(), 0, up.image(), u.offset(), u.chunk().length);
        up.have().set(u.offset(), u.offset() + u.chunk().length);
        if (!up.complete()) return null;
        upload = null;
        CRC32C crc = new CRC32C();
        crc.update(up.image());
        if (crc.getValue() != up.crc()) {
            return new Refusal(NACK_CRC, String.format("program %d: CRC-32C mismatch (received image %08x, expected %08x)",
                    up.id(), crc.getValue(), up.crc()));
        }
        DeviceProgram p;
        try {
            p = ProgramCodec.decode(up.image());
        } catch (ProtocolException e) {
            return new Refusal(NACK_PROGRAM, "program " + up.id() + " does not decode: " + e.getMessage());
        }
        String problem = ProgramValidator.problem(p, capabilities);
        if (problem != null) return new Refusal(NACK_PROGRAM, "program " + up.id() + ": " + problem);
        programs.put(up.id(), p);
        programBytes.put(up.id(), up.total());
        log.info("Program {} uploaded: {} blocks, {} ADC windows, {} s", up.id(), p.blocks().size(), p.adcCount(),
                String.format("%.3f", p.durationSeconds()));
        return null;
    }

    /**
     * Frees program memory for an upload of {@code bytes}: programs that are not armed, playing or queued
     * in a stream are dropped, oldest first. Returns why it cannot fit, or null.
     */
    private String makeRoom(int id, int bytes, int playingId) {
        Set<Integer> held = new HashSet<>();
        if (armedId >= 0) held.add(armedId);
        for (StreamQueue q : streams.values()) held.addAll(q.resident());
        if (playingId >= 0) held.add(playingId);
        long used = 0;
        for (var e : programBytes.entrySet()) if (held.contains(e.getKey()) && e.getKey() != id) used += e.getValue();
        if (used + bytes > capabilities.programMemoryBytes()) {
            return "program " + id + " of " + bytes + " bytes does not fit: " + used + " of the " + capabilities.programMemoryBytes()
                    + "-byte program memory hold programs armed, playing or queued";
        }
        long free = capabilities.programMemoryBytes() - used - bytes;
        long others = 0;
        for (var e : programBytes.entrySet()) if (!held.contains(e.getKey())) others += e.getValue();
        var it = programBytes.entrySet().iterator();
        while (others > free && it.hasNext()) {
            var e = it.next();
            if (held.contains(e.getKey())) continue;
            others -= e.getValue();
            programs.remove(e.getKey());
            it.remove();
        }
        return null;
    }

    synchronized Refusal arm(int id) {
        if (!programs.containsKey(id)) return new Refusal(NACK_STATE, "no program " + id + " has been uploaded");
        armedId = id;
        return null;
    }

    synchronized int armedId() {
        return armedId;
    }

    /** START: the armed program, now no longer armed; null if {@code id} is not the armed one. */
    synchronized DeviceProgram takeArmed(int id) {
        if (armedId != id) return null;
        armedId = -1;
        return programs.get(id);
    }

    synchronized DeviceProgram program(int id) {
        return programs.get(id);
    }

    /** Drops a played segment. */
    synchronized void free(int id) {
        programs.remove(id);
        programBytes.remove(id);
    }

    /** STREAM_NEXT: queues an uploaded program as the next segment; {@code playing}: the program is playing. */
    synchronized Refusal queueSegment(StreamNext n, boolean playing) {
        StreamQueue q = streams.get(n.programId());
        if (q == null && !programs.containsKey(n.programId())) {
            return new Refusal(NACK_STATE, "stream: no program " + n.programId() + " to append segment " + n.segment() + " to");
        }
        if (q == null && n.segment() == 1 && !playing) {
            q = new StreamQueue(n.programId());
            streams.put(n.programId(), q);
        }
        if (q == null) {
            return new Refusal(NACK_STATE, "stream: program " + n.programId() + " is not streamed (segment 1 must be queued before START)");
        }
        String problem = q.append(n.segment(), n.segmentProgramId(), n.last(), programs.containsKey(n.segmentProgramId()));
        return problem == null ? null : new Refusal(NACK_STATE, "stream of program " + n.programId() + ": " + problem);
    }

    /** The segment queue of a streamed program, or null if it plays whole. */
    synchronized StreamQueue stream(int programId) {
        return streams.get(programId);
    }

    /** After a streamed program: its queue goes, and every segment it still held. */
    synchronized void endStream(int programId, StreamQueue q) {
        streams.remove(programId);
        for (Integer id : q.resident()) free(id);
    }
}
