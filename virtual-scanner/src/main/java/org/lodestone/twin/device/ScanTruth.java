package org.lodestone.twin.device;

import org.lodestone.twin.physics.AcquisitionSettings;
import org.lodestone.twin.physics.ScanSimulation;
import org.lodestone.twin.physics.ScannerModel;
import org.lodestone.twin.truth.TruthVolume;
import org.lodestone.twin.truth.TruthWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The twin's truth for tests, written as scans go (if a truth folder was given): parameters, image, Larmor track. */
final class ScanTruth {
    private static final Logger log = LoggerFactory.getLogger(ScanTruth.class);
    private final ScannerModel model;
    private final TruthWriter writer;

    ScanTruth(ScannerModel model, TruthWriter writer) {
        this.model = model;
        this.writer = writer;
    }

    void writeParameters() {
        if (writer == null) return;
        try {
            log.info("Hidden parameters written to {}", writer.writeParameters(model));
        } catch (IOException e) {
            log.warn("Could not write truth.json: {}", e.getMessage());
        }
    }

    /** truth.json again, with this scan's start, settings and simulation. */
    void writeScanParameters(double twinS, ScanSimulation sim, AcquisitionSettings acq) {
        if (writer == null) return;
        try {
            Map<String, Object> scanInfo = new LinkedHashMap<>();
            scanInfo.put("startTwinTimeS", twinS);
            scanInfo.put("setFrequencyHz", acq.frequencyHz());
            scanInfo.put("shimHzPerM", new double[] {acq.shimXHzPerM(), acq.shimYHzPerM(), acq.shimZHzPerM()});
            scanInfo.put("tuneCode", acq.tuneCode());
            scanInfo.put("matchCode", acq.matchCode());
            scanInfo.put("coilEfficiency", sim.coilEfficiency());
            scanInfo.put("isochromats", sim.isochromats());
            scanInfo.put("wholeObject", sim.analysis().wholeObject());
            // the object's PD-weighted mean frequency − the isocentre's true Larmor, at these shims
            scanInfo.put("objectMeanOffsetHz", model.objectMeanOffsetHz(acq));
            scanInfo.put("receiveWeightedMeanOffsetHz", model.receiveWeightedMeanOffsetHz(acq));
            writer.writeParameters(model, twinS, scanInfo);
        } catch (IOException e) {
            log.warn("Could not write truth.json: {}", e.getMessage());
        }
    }

    void writeImage(TruthVolume v) {
        if (writer == null) return;
        try {
            log.info("Truth image written to {}", writer.writeImage(v));
        } catch (IOException e) {
            log.warn("Could not write the truth image: {}", e.getMessage());
        }
    }

    /** Per line {scan counter, program s, twin s, true isocentre Larmor Hz, set frequency Hz}. */
    void writeLarmorTrack(List<double[]> track) {
        if (writer == null || track.isEmpty()) return;
        try {
            writer.writeLarmorTrack(track);
        } catch (IOException e) {
            log.warn("Could not write the Larmor track: {}", e.getMessage());
        }
    }
}
