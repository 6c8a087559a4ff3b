package org.lodestone.seq.pulseq;

/**
 * A Pulseq file this reader cannot accept. The message names the file, the line, the section,
 * the event id and the field: "write_gre.seq line 57, [TRAP] id 3: field 'rise' is not a number".
 */
public class PulseqFormatException extends Exception {
    private final int line;

    public PulseqFormatException(String file, int line, String where, String problem) {
        super(file + (line > 0 ? " line " + line : "") + (where == null || where.isEmpty() ? "" : ", " + where) + ": " + problem);
        this.line = line;
    }

    /** 1-based line number, 0 when the problem is the file as a whole. */
    public int line() {
        return line;
    }
}
