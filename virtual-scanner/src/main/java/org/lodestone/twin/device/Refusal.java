package org.lodestone.twin.device;

/** Why the board refuses a command: the NACK it sends. */
record Refusal(int code, String reason) {
}
