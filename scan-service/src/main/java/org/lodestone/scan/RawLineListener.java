package org.lodestone.scan;

import org.lodestone.recon.mrd.Acquisition;

/**
 * Hears each line as soon as it is journalled to raw.mrd, on the scan's thread (the unit waits on
 * it between lines: hand the work off, never block). {@link ScanService#withRawLines} sets one;
 * remote reconstruction streams the lines to a server with it while the scan runs.
 */
public interface RawLineListener {
    RawLineListener NONE = new RawLineListener() {
        @Override
        public void header(String ismrmrdXml) {
        }

        @Override
        public void line(Acquisition acquisition) {
        }
    };

    /** Once per scan, before the first line: the ISMRMRD XML header at the top of raw.mrd. */
    void header(String ismrmrdXml);

    /** One journalled line, in the order written. */
    void line(Acquisition acquisition);
}
