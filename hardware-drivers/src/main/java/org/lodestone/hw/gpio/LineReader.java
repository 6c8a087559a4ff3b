package org.lodestone.hw.gpio;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** Reads '\n'-ended ASCII lines straight off a socket stream, returning each as soon as it is complete. */
final class LineReader {
    private final InputStream in;
    private final byte[] buf = new byte[4096];
    private int start;
    private int end;

    LineReader(InputStream in) {
        this.in = in;
    }

    /** The next line without its end, or null at end of stream. Over-long lines are an error. */
    String readLine() throws IOException {
        while (true) {
            for (int i = start; i < end; i++) {
                if (buf[i] == '\n') {
                    String line = new String(buf, start, i - start, StandardCharsets.US_ASCII);
                    start = i + 1;
                    return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
                }
            }
            if (end - start > BusLine.MAX_LINE) throw new IOException("GPIO bus line too long");
            if (start > 0) {
                System.arraycopy(buf, start, buf, 0, end - start);
                end -= start;
                start = 0;
            }
            int n = in.read(buf, end, buf.length - end);
            if (n < 0) return null;
            end += n;
        }
    }
}
