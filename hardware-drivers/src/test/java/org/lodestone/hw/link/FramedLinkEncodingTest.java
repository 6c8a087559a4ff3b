package org.lodestone.hw.link;

import org.lodestone.hw.program.AdcCounters;
import org.lodestone.hw.wire.FrameCodec;
import org.lodestone.hw.wire.FrameDecoder;
import org.lodestone.hw.wire.LineFragments;
import org.lodestone.hw.wire.Message;
import org.lodestone.hw.wire.MessageCodec;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The link encodes frames in place in one reused buffer: the bytes must be exactly the codec's, frame by frame. */
class FramedLinkEncodingTest {
    /** Records what the link writes; never delivers anything back. */
    private static final class RecordingTransport implements Transport {
        final ByteArrayOutputStream written = new ByteArrayOutputStream();

        @Override
        public int read(byte[] buf, int off, int len) throws java.io.IOException {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                return -1;
            }
            return 0;
        }

        @Override
        public void write(byte[] buf, int off, int len) {
            written.write(buf, off, len);
        }

        @Override
        public String describe() {
            return "recording";
        }

        @Override
        public void close() {
        }
    }

    @Test
    void framesEncodedInPlaceAreTheCodecsBytes() throws Exception {
        float[] samples = new float[2 * 4 * 300];
        for (int i = 0; i < samples.length; i++) samples[i] = (float) Math.sin(i) * 1e3f;
        samples[5] = Float.intBitsToFloat(0x7fc0_1234); // a NaN payload must survive bit for bit
        List<Message.AcqFragment> line = LineFragments.split(new Message.AcqData(9, 77, AdcCounters.ZERO, 0, 4, 300, 4000, 1.49e7, samples));
        byte[] bigChunk = new byte[200_000]; // grows the link's buffer past what it keeps
        for (int i = 0; i < bigChunk.length; i++) bigChunk[i] = (byte) (i * 31);

        RecordingTransport t = new RecordingTransport();
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        try (FramedLink link = new FramedLink(t, new FramedLink.Handler() {
            @Override
            public void onMessage(long seq, Message message) {
            }

            @Override
            public void onClosed(String reason) {
            }
        }, "encoding-test")) {
            long seq = link.send(new Message.Hello(1, "host"));
            expected.write(FrameCodec.encode(MessageCodec.toFrame(new Message.Hello(1, "host"), seq)));
            long first = link.sendAll(line);
            for (int i = 0; i < line.size(); i++) expected.write(FrameCodec.encode(MessageCodec.toFrame(line.get(i), first + i)));
            Message upload = new Message.UploadChunk(3, bigChunk.length, 0, 0xCAFEL, bigChunk);
            seq = link.send(upload);
            expected.write(FrameCodec.encode(MessageCodec.toFrame(upload, seq)));
            link.resend(new Message.Abort("door open"), 5);
            expected.write(FrameCodec.encode(MessageCodec.toFrame(new Message.Abort("door open"), 5)));
            seq = link.send(new Message.Heartbeat(123456789L));
            expected.write(FrameCodec.encode(MessageCodec.toFrame(new Message.Heartbeat(123456789L), seq)));
        }
        assertThat(t.written.toByteArray()).isEqualTo(expected.toByteArray());

        FrameDecoder d = new FrameDecoder();
        byte[] all = t.written.toByteArray();
        d.feed(all, 0, all.length);
        assertThat(MessageCodec.decode(d.poll())).isEqualTo(new Message.Hello(1, "host"));
        LineFragments.Assembly a = null;
        for (int i = 0; i < line.size(); i++) {
            Message.AcqFragment f = (Message.AcqFragment) MessageCodec.decode(d.poll());
            if (a == null) a = new LineFragments.Assembly(f);
            a.add(f);
        }
        float[] back = a.line().data();
        for (int i = 0; i < samples.length; i++) {
            assertThat(Float.floatToRawIntBits(back[i])).isEqualTo(Float.floatToRawIntBits(samples[i]));
        }
        assertThat(d.crcErrors() + d.headerErrors() + d.bytesSkipped()).isZero();
    }
}
