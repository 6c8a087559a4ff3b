package org.lodestone.twin.script;

/** One line of an event script: something that happens to the unit at twin time {@code atS}. */
public sealed interface ScriptEvent {
    double atS();

    /** Door interlock opened (true) or closed. */
    record Door(double atS, boolean open) implements ScriptEvent {
    }

    /** Emergency stop pressed (true) or released. */
    record EStop(double atS, boolean pressed) implements ScriptEvent {
    }

    /** Room temperature changes by deltaK over durationS (0 = a step). */
    record Ambient(double atS, double deltaK, double durationS) implements ScriptEvent {
    }

    /** The device sends nothing (and handles no command) for seconds of wall-clock time. */
    record LinkStall(double atS, double seconds) implements ScriptEvent {
    }

    /** A sensor (magnet, ambient, rf) fails (reads NaN, interlock bit set) or recovers. */
    record Sensor(double atS, String sensor, boolean failed) implements ScriptEvent {
    }

    record FifoOverrun(double atS) implements ScriptEvent {
    }

    /** An amplifier ("rf", "gradient" or "both") reports a fault (true) or clears it. */
    record AmplifierFault(double atS, String amplifier, boolean fault) implements ScriptEvent {
        public AmplifierFault(double atS) {
            this(atS, "both", true);
        }
    }

    /** The magnet thermostat opens (true: over temperature) or closes again. */
    record MagnetOvertemp(double atS, boolean hot) implements ScriptEvent {
    }
}
