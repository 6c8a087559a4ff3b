package org.lodestone.scan;

import org.lodestone.recon.image.ImageVolume;

import java.nio.file.Path;

/** The outcome of one scan: status, lines, where its files are, and a message for the operator. */
public record ScanResult(ScanStatus status, long linesExpected, long linesReceived, Path outDir, ImageVolume image,
                         double snr, double frequencyHz, String message) {
}
