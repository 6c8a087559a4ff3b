package org.lodestone.hw.wire;

import org.lodestone.hw.program.AdcCounters;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class FrameDecoderTest {

    private static byte[] frame(Message m, long seq) {
        return FrameCodec.encode(MessageCodec.toFrame(m, seq));
    }

    @Test
    void decodesFramesSplitAtEveryByteBoundary() throws Exception {
        byte[] a = frame(new Message.SetFrequency(14.9e6), 7);
        byte[] b = frame(new Message.Event(EventCode.INTERLOCK, 123, "door open"), 8);
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        all.write(a);
        all.write(b);
        byte[] bytes = all.toByteArray();
        for (int split = 0; split <= bytes.length; split++) {
            FrameDecoder d = new FrameDecoder();
            d.feed(bytes, 0, split);
            d.feed(bytes, split, bytes.length - split);
            Frame f1 = d.poll();
            Frame f2 = d.poll();
            assertThat(MessageCodec.decode(f1)).isEqualTo(new Message.SetFrequency(14.9e6));
            assertThat(f2.seq()).isEqualTo(8);
            assertThat(d.poll()).isNull();
        }
    }

    @Test
    void resynchronisesAfterGarbageAndCorruption() throws Exception {
        byte[] good = frame(new Message.Heartbeat(42), 1);
        byte[] bad = frame(new Message.Heartbeat(43), 2);
        bad[FrameCodec.HEADER_BYTES + 3] ^= 0x10; // payload bit flip: CRC fails
        byte[] lenBroken = frame(new Message.Heartbeat(44), 3);
        lenBroken[9] = 0x7F;                      // length corrupted: header check fails, no stall
        ByteArrayOutputStream s = new ByteArrayOutputStream();
        s.write(new byte[] {0x00, (byte) 0xA5, 0x4C, 0x13});
        s.write(bad);
        s.write(lenBroken);
        s.write(good);
        FrameDecoder d = new FrameDecoder();
        byte[] bytes = s.toByteArray();
        d.feed(bytes, 0, bytes.length);
        Frame f = d.poll();
        assertThat(f).isNotNull();
        assertThat(MessageCodec.decode(f)).isEqualTo(new Message.Heartbeat(42));
        assertThat(d.crcErrors()).isEqualTo(1);
        assertThat(d.headerErrors()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void randomAndMutatedFramesOnlyEverRaiseProtocolException() {
        Random rnd = new Random(1234);
        List<byte[]> seeds = new ArrayList<>();
        seeds.add(frame(new Message.Hello(1, "host"), 1));
        seeds.add(frame(new Message.AcqData(5, 99, new AdcCounters(3, 0, 1, 0, 0, 0, 0, 0, 0), 0, 2, 4, 5000, 1.49e7,
                new float[16]), 2));
        seeds.add(frame(new Message.UploadChunk(1, 100, 0, 77, new byte[40]), 3));
        seeds.add(frame(new Message.Capabilities("fw", "m", 0.35, 1.49e7, 100, 100, 10, 100, 4e5, 8e8, 850, 2, 1000,
                1_000_000, 4096, 1 << 26, 4096, 200), 4));
        FrameDecoder d = new FrameDecoder();
        int decoded = 0, rejected = 0;
        for (int i = 0; i < 100_000; i++) {
            byte[] f;
            if (rnd.nextInt(4) == 0) {
                f = new byte[rnd.nextInt(64)];
                rnd.nextBytes(f);
            } else {
                f = seeds.get(rnd.nextInt(seeds.size())).clone();
                int flips = rnd.nextInt(3);
                for (int k = 0; k < flips; k++) f[rnd.nextInt(f.length)] ^= (byte) (1 << rnd.nextInt(8));
                // Re-seal some mutants so the payload parser sees damage the CRC would not catch.
                if (rnd.nextBoolean() && f.length > FrameCodec.HEADER_BYTES + 4) {
                    int type = rnd.nextInt(256);
                    byte[] payload = java.util.Arrays.copyOfRange(f, FrameCodec.HEADER_BYTES, f.length - 4);
                    f = FrameCodec.encode(new Frame(type, i, payload));
                }
            }
            d.feed(f, 0, f.length);
            Frame fr;
            while ((fr = d.poll()) != null) {
                try {
                    MessageCodec.decode(fr);
                    decoded++;
                } catch (ProtocolException e) {
                    rejected++;
                }
            }
            assertThat(d.buffered()).isLessThanOrEqualTo(FrameCodec.HEADER_BYTES + FrameCodec.MAX_PAYLOAD + 4 + 64);
        }
        assertThat(decoded).isPositive();
        assertThat(rejected).isPositive();
    }

    @Test
    void everyMessageRoundTrips() throws Exception {
        List<Message> all = List.of(new Message.Hello(1, "console"), new Message.Arm(3), new Message.Start(3),
                new Message.Abort("operator"), new Message.SetFrequency(14_901_234.5), new Message.SetShim(1, -2, 3),
                new Message.SetGains(20, 0.9), new Message.ReadSensors(), new Message.TuneCoil(100, 200),
                new Message.Heartbeat(5), new Message.Ack(9), new Message.Nack(9, 2, "bad crc"),
                new Message.Sensors(31.5, 22, 0.1, 3), new Message.Event(1, 2, "x"), new Message.Done(3, 128, 0));
        long seq = 1;
        for (Message m : all) {
            assertThat(MessageCodec.decode(MessageCodec.toFrame(m, seq++))).isEqualTo(m);
        }
    }
}
