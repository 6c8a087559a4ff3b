package org.lodestone.seq.model;

/** What Pulseq's [EXTENSIONS] attach to a block: labels, triggers, and kinds this console does not interpret. */
public sealed interface BlockExtension permits BlockExtension.Label, BlockExtension.Trigger, BlockExtension.Other {

    /** LABELSET (increment false) or LABELINC (true) of a counter or flag such as LIN, SLC, NOISE. */
    record Label(String name, int value, boolean increment) implements BlockExtension {
    }

    /** A trigger: Pulseq type and channel codes, delay and duration in seconds. */
    record Trigger(int type, int channel, double delay, double duration) implements BlockExtension {
    }

    /** An extension of a type this console does not interpret, kept verbatim (the fields after the id). */
    record Other(String type, String fields) implements BlockExtension {
    }
}
