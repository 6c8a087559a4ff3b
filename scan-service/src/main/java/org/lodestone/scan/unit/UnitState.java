package org.lodestone.scan.unit;

/** What the console knows of the unit now, with the words the window shows. */
public enum UnitState {
    /** Answering heartbeats. */
    CONNECTED("Connected"),
    /** Silent for longer than a heartbeat answer takes, or its link is gone: the console is reconnecting by itself. */
    NOT_RESPONDING("Unit not responding"),
    /** The console closed the connection. */
    CLOSED("Disconnected");

    private final String text;

    UnitState(String text) {
        this.text = text;
    }

    /** For the window's status line. */
    public String text() {
        return text;
    }
}
