package org.lodestone.twin.truth;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.lodestone.recon.image.ImageVolume;
import org.lodestone.recon.image.NiftiWriter;
import org.lodestone.twin.physics.HiddenParameters;
import org.lodestone.twin.physics.Magnet;
import org.lodestone.twin.physics.ThermalModel;
import org.lodestone.twin.physics.ScannerModel;
import org.lodestone.twin.phantom.Tissue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Writes the hidden truth of the twin into a directory: truth.json once, truth.nii after each scan. */
public final class TruthWriter {
    private final Path dir;

    public TruthWriter(Path dir) throws IOException {
        this.dir = Files.createDirectories(dir);
    }

    public Path directory() {
        return dir;
    }

    public Path writeParameters(ScannerModel model) throws IOException {
        return writeParameters(model, 0, null);
    }

    /**
     * Writes truth.json: every hidden parameter, the thermal state at twin time {@code twinS}, and
     * what the current scan saw (coil efficiency, set frequency), if any.
     */
    public Path writeParameters(ScannerModel model, double twinS, Map<String, Object> scan) throws IOException {
        HiddenParameters h = model.hidden();
        Magnet mg = h.magnet();
        ThermalModel th = model.thermal();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("seed", h.seed());
        m.put("magnetProfile", mg.profile());
        m.put("nominalB0Tesla", h.nominalB0Tesla());
        m.put("nominalLarmorHz", h.nominalLarmorHz());
        m.put("b0OffsetPpm", mg.b0OffsetPpm());
        m.put("referenceTemperatureC", mg.referenceTempC());
        m.put("temperatureCoefficientPerK", mg.profile().tempCoeffPerK());
        Map<String, Object> thermal = new LinkedHashMap<>();
        thermal.put("model", "dT/dt = (ambient(t) + offset - T)/tau; offset = initial magnet - initial ambient");
        thermal.put("timeConstantS", mg.timeConstantS());
        thermal.put("initialMagnetTemperatureC", mg.initialTempC());
        thermal.put("initialAmbientC", mg.initialAmbientC());
        thermal.put("ambientChanges", th.changes());
        thermal.put("twinTimeS", twinS);
        thermal.put("magnetTemperatureC", th.magnetTempC(twinS));
        thermal.put("ambientC", th.ambientC(twinS));
        m.put("thermal", thermal);
        // at power-on (kept for older readers) and now
        m.put("magnetTemperatureC", h.magnetTempC());
        m.put("trueB0Tesla", h.trueB0Tesla());
        m.put("trueLarmorHz", h.trueLarmorHz());
        m.put("trueLarmorHzNow", th.larmorHz(twinS));
        Map<String, Object> sh = new LinkedHashMap<>();
        sh.put("model", "ppm(x,y,z) = sum c_i * term_i(x,y,z), metres; constant term = b0OffsetPpm");
        for (int i = 0; i < Magnet.SH_TERMS.length; i++) sh.put(Magnet.SH_TERMS[i], mg.shPpm()[i]);
        m.put("inhomogeneity", sh);
        m.put("rfScale", h.rfScale());
        m.put("coil", h.coil());
        m.put("coilModel", "efficiency = sqrt(1-G^2)/sqrt(1+(2Q(f-fres)/fres)^2), fres = nominal + resonanceOffsetHz "
                + "+ (tune-2048)*tuneHzPerCode, G = |match-matchOptimumCode|/2048; scales B1 and received signal");
        m.put("gradients", h.gradients());
        m.put("gradientModel", "G_real = scale*(G(t-delay) + eddy), eddy = -eddyAmplitude * (dG/dt conv exp(-t/eddyTauS))");
        m.put("receiveCoils", Map.of("channels", model.coils().channels(), "description", model.coils().describe(),
                "phasesRad", model.coils().phases()));
        m.put("noiseStdAt10usDwell", model.noiseStd(10e-6));
        m.put("noiseModel", "std = noiseStdRef*sqrt(10us/dwell)*(0.35 T/B0)^(7/4); SNR ~ B0^(7/4)");
        m.put("adc", Map.of("bits", ScannerModel.ADC_BITS, "lsbSignalUnits", ScannerModel.ADC_LSB, "maxCode", ScannerModel.ADC_MAX_CODE));
        Map<String, Object> emi = new LinkedHashMap<>();
        emi.put("enabled", model.emi() != null);
        if (model.emi() != null) {
            emi.put("config", model.emi());
            emi.put("referenceChannel", model.emi().referenceChannel());
        }
        m.put("emi", emi);
        m.put("receiveChannels", model.receiveChannels());
        List<Map<String, Object>> tissues = new ArrayList<>();
        for (Tissue t0 : model.phantom().tissues()) {
            Tissue t = t0.atField(h.nominalB0Tesla());
            tissues.add(Map.of("name", t.name(), "protonDensity", t.protonDensity(), "t1S", t.t1S(), "t2S", t.t2S(),
                    "t2StarS", t.t2StarS()));
        }
        m.put("phantom", Map.of("description", model.phantom().description(), "tissuesAtField", tissues));
        if (scan != null) m.put("scan", scan);
        Path f = dir.resolve("truth.json");
        Path tmp = dir.resolve("truth.json.tmp");
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(tmp.toFile(), m);
        Files.move(tmp, f, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        return f;
    }

    /**
     * larmor.csv after each scan: per line the true isocentre Larmor at the line's start and the
     * carrier set then, so a test can measure the frequency error over a long scan.
     */
    public Path writeLarmorTrack(List<double[]> rows) throws IOException {
        StringBuilder b = new StringBuilder("scan_counter,program_s,twin_s,true_larmor_hz,set_frequency_hz\n");
        for (double[] r : rows) b.append(String.format(java.util.Locale.ROOT, "%d,%.6f,%.6f,%.4f,%.4f%n", (long) r[0], r[1], r[2], r[3], r[4]));
        Path f = dir.resolve("larmor.csv");
        Files.writeString(f, b.toString());
        return f;
    }

    /**
     * truth.nii, with the reconstruction module's NIfTI writer (truth and images share one format), written
     * beside and moved into place so a reader never sees half a file.
     */
    public Path writeImage(TruthVolume v) throws IOException {
        Path f = dir.resolve("truth.nii");
        ImageVolume iv = new ImageVolume(v.nx(), v.ny(), v.nz(), v.data(), v.dxMm(), v.dyMm(), v.dzMm(),
                v.positionLps(), v.readDir(), v.phaseDir(), v.sliceDir());
        Path tmp = f.resolveSibling(f.getFileName() + ".tmp.nii");
        NiftiWriter.write(tmp, iv);
        Files.move(tmp, f, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return f;
    }
}
