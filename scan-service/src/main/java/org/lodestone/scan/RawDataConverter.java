package org.lodestone.scan;

import org.lodestone.hw.program.AdcCounters;
import org.lodestone.hw.wire.Message.AcqData;
import org.lodestone.recon.mrd.Acquisition;
import org.lodestone.recon.mrd.AcquisitionHeader;
import org.lodestone.recon.mrd.EncodingCounters;
import org.lodestone.seq.protocol.ScanGeometry;

/** A line off the wire becomes an MRD acquisition with the scan's geometry. */
final class RawDataConverter {
    private final ScanGeometry g;
    private final double referenceHz;

    RawDataConverter(ScanGeometry geometry) {
        this(geometry, Double.NaN);
    }

    /** @param referenceHz the header's frequency: each acquisition's user_float[0] is its carrier's offset from it (drift tracking) */
    RawDataConverter(ScanGeometry geometry, double referenceHz) {
        this.g = geometry;
        this.referenceHz = referenceHz;
    }

    Acquisition convert(AcqData d) {
        AdcCounters c = d.counters();
        // Each slice of a stack (and each plane of a localizer) has its own centre and directions.
        ScanGeometry.SlicePlane p = g.plane(c.slice());
        AcquisitionHeader h = AcquisitionHeader.builder()
                .scanCounter(d.scanCounter())
                .acquisitionTimeStamp(d.deviceTimeUs() / 1000) // ms
                .numberOfSamples(d.samples())
                .channels(d.channels())
                .centerSample(d.samples() / 2)
                .sampleTimeUs(d.dwellNs() / 1000f)
                .position((float) p.positionLps()[0], (float) p.positionLps()[1], (float) p.positionLps()[2])
                .readDir((float) p.readDir()[0], (float) p.readDir()[1], (float) p.readDir()[2])
                .phaseDir((float) p.phaseDir()[0], (float) p.phaseDir()[1], (float) p.phaseDir()[2])
                .sliceDir((float) p.sliceDir()[0], (float) p.sliceDir()[1], (float) p.sliceDir()[2])
                .flags(d.flags())
                .userFloat(carrierOffset(d))
                .idx(new EncodingCounters(c.line(), c.partition(), c.average(), c.slice(), c.contrast(), c.phase(),
                        c.repetition(), c.set(), c.segment(), new int[8]))
                .build();
        return new Acquisition(h, new float[0], d.data());
    }

    private float[] carrierOffset(AcqData d) {
        float[] u = new float[AcquisitionHeader.USER_FLOATS];
        if (!Double.isNaN(referenceHz) && d.centreFrequencyHz() > 0) u[0] = (float) (d.centreFrequencyHz() - referenceHz);
        return u;
    }
}
