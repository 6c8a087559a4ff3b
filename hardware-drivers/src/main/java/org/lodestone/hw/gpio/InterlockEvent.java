package org.lodestone.hw.gpio;

import java.time.Instant;

/**
 * An interlock trip: an input went to its unsafe state.
 * @param input  the input that tripped
 * @param time   when the guard saw the edge
 * @param detail for people and the log, e.g. "door open (DOOR_CLOSED is LOW) during scan"
 */
public record InterlockEvent(GpioInput input, Instant time, String detail) {
}
