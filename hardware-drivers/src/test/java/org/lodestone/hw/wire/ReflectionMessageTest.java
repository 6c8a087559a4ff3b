package org.lodestone.hw.wire;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** MEASURE_REFLECTION / REFLECTION through the codec, and a sweep too long for the coupler refused by the decoder. */
class ReflectionMessageTest {
    @Test
    void roundTrips() throws Exception {
        var q = new Message.MeasureReflection(14.5e6, 1000.5, 801);
        Message back = MessageCodec.decode(MessageCodec.toFrame(q, 7));
        assertEquals(q, back);
        float[] g = {0.1f, -0.2f, 0.3f, 0.4f};
        var r = new Message.Reflection(14.5e6, 2000, 2, g);
        var rb = (Message.Reflection) MessageCodec.decode(MessageCodec.toFrame(r, 8));
        assertEquals(14.5e6, rb.startHz());
        assertEquals(2000, rb.stepHz());
        assertArrayEquals(g, rb.gamma());
        assertEquals(0.5, rb.magnitude(1), 1e-6);
        assertEquals(14.502e6, rb.frequencyHz(1));
        assertEquals("MEASURE_REFLECTION", MessageCodec.typeName(0x10));
        assertEquals("REFLECTION", MessageCodec.typeName(0x90));
    }

    @Test
    void tooManyPointsIsAClearError() {
        byte[] p = new PayloadWriter().f64(1e6).f64(1).u32(Message.MeasureReflection.MAX_POINTS + 1).toByteArray();
        ProtocolException e = assertThrows(ProtocolException.class,
                () -> MessageCodec.decode(new Frame(MessageType.MEASURE_REFLECTION, 3, p)));
        assertTrue(e.getMessage().contains("count"), e.getMessage());
    }
}
