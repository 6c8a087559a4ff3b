package org.lodestone.twin.truth;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.lodestone.twin.physics.HiddenParameters;
import org.lodestone.twin.physics.ScannerModel;
import org.lodestone.twin.phantom.Tissue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Writes the hidden truth of the twin into a directory: truth.json once, truth.nii after each scan. */
public final class TruthWriter {
    private final Path dir;
    private final VolumeWriter volumeWriter;

    public TruthWriter(Path dir, VolumeWriter volumeWriter) throws IOException {
        this.dir = Files.createDirectories(dir);
        this.volumeWriter = volumeWriter;
    }

    public TruthWriter(Path dir) throws IOException {
        this(dir, new ReconNiftiWriter());
    }

    public Path directory() {
        return dir;
    }

    public Path writeParameters(ScannerModel model) throws IOException {
        HiddenParameters h = model.hidden();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("seed", h.seed());
        m.put("nominalB0Tesla", h.nominalB0Tesla());
        m.put("nominalLarmorHz", h.nominalLarmorHz());
        m.put("trueB0Tesla", h.trueB0Tesla());
        m.put("trueLarmorHz", h.trueLarmorHz());
        m.put("b0OffsetPpm", h.b0OffsetPpm());
        m.put("magnetTemperatureC", h.magnetTempC());
        m.put("referenceTemperatureC", h.referenceTempC());
        m.put("temperatureCoefficientPerK", HiddenParameters.TEMP_COEFF_PER_K);
        m.put("rfScale", h.rfScale());
        m.put("inhomogeneity", Map.of(
                "model", "ppm(x,y,z) = lx*x + ly*y + lz*z + qxx*x^2 + qyy*y^2 + qzz*z^2 + qxy*x*y, metres",
                "linearPpmPerM", h.linearPpmPerM(),
                "quadraticPpmPerM2", Map.of("xx", h.quadPpmPerM2()[0], "yy", h.quadPpmPerM2()[1],
                        "zz", h.quadPpmPerM2()[2], "xy", h.quadPpmPerM2()[3])));
        m.put("coils", Map.of("channels", model.coils().channels(), "description", model.coils().describe(),
                "phasesRad", model.coils().phases()));
        m.put("noiseStdAt10usDwell", model.noiseStdRef());
        List<Map<String, Object>> tissues = new ArrayList<>();
        for (Tissue t : model.phantom().tissues()) {
            tissues.add(Map.of("name", t.name(), "protonDensity", t.protonDensity(), "t1S", t.t1S(), "t2S", t.t2S(),
                    "t2StarS", t.t2StarS()));
        }
        m.put("phantom", Map.of("description", model.phantom().description(), "tissues", tissues));
        Path f = dir.resolve("truth.json");
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(f.toFile(), m);
        return f;
    }

    public Path writeImage(TruthVolume v) throws IOException {
        Path f = dir.resolve("truth.nii");
        volumeWriter.write(f, v);
        return f;
    }
}
