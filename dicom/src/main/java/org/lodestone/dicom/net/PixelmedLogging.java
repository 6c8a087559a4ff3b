package org.lodestone.dicom.net;

import org.slf4j.LoggerFactory;

import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * PixelMed logs through java.util.logging to stderr, stack traces included; operators must not see those. Its
 * records go to our log (SLF4J) instead, at debug level: every failure reaches the operator as a NetworkFailure.
 */
public final class PixelmedLogging {
    // JUL holds loggers weakly: keep ours so the settings stay.
    private static final Logger PIXELMED = Logger.getLogger("com.pixelmed");

    private PixelmedLogging() {
    }

    public static synchronized void toSlf4j() {
        if (PIXELMED.getUseParentHandlers()) {
            PIXELMED.setUseParentHandlers(false);
            PIXELMED.setLevel(Level.ALL);
            PIXELMED.addHandler(new Handler() {
                @Override
                public void publish(LogRecord r) {
                    // Not under com.pixelmed: should SLF4J itself write to java.util.logging, that would loop.
                    LoggerFactory.getLogger("org.lodestone.dicom.pixelmed").debug(r.getMessage(), r.getThrown());
                }

                @Override
                public void flush() {
                }

                @Override
                public void close() {
                }
            });
        }
    }
}
