package org.lodestone.hw.session;

/**
 * What the link has counted since the session opened, for the service engineer's diagnostics.
 * @param framesDecoded      frames received intact
 * @param crcErrors          frames dropped for a bad CRC
 * @param headerErrors       frames dropped for a broken header
 * @param bytesSkipped       bytes skipped while resynchronising
 * @param malformed          frames whose payload did not decode
 * @param commandRetransmits commands sent again (same sequence number) because no answer came in time
 * @param lineResends        requests to the unit for lost line pieces
 * @param duplicateLines     line pieces that arrived twice (ignored) in the current scan
 * @param heartbeats         heartbeats answered (round trips measured)
 * @param lastRoundTripMs    the latest heartbeat round trip, NaN before the first
 * @param meanRoundTripMs    mean round trip, NaN before the first
 * @param maxRoundTripMs     longest round trip, NaN before the first
 */
public record LinkStatistics(long framesDecoded, long crcErrors, long headerErrors, long bytesSkipped, long malformed,
                             long commandRetransmits, long lineResends, long duplicateLines, long heartbeats,
                             double lastRoundTripMs, double meanRoundTripMs, double maxRoundTripMs) {
}
