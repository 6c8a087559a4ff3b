package org.lodestone.calibration.store;

import java.time.Instant;

/**
 * One calibrated value as stored: what, how sure, when, at which magnet temperature, by whom,
 * and with which routine.
 */
public record Entry(double value, double uncertainty, String unit, Instant time, double magnetTemperatureC,
                    String operator, String routine) {
}
