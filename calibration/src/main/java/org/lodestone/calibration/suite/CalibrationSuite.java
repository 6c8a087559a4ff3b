package org.lodestone.calibration.suite;

import org.lodestone.calibration.drift.DriftCalibration;
import org.lodestone.calibration.frequency.FrequencyCalibration;
import org.lodestone.calibration.noise.NoiseSurvey;
import org.lodestone.calibration.plot.XyPlot;
import org.lodestone.calibration.rf.TransmitCalibration;
import org.lodestone.calibration.run.CalibrationException;
import org.lodestone.calibration.run.Reason;
import org.lodestone.calibration.run.Fid;
import org.lodestone.calibration.run.Measured;
import org.lodestone.calibration.run.ProgramRunner;
import org.lodestone.calibration.run.UnitSettings;
import org.lodestone.calibration.shim.ShimCalibration;
import org.lodestone.calibration.store.CalibrationProfile;
import org.lodestone.calibration.store.CalibrationStore;
import org.lodestone.calibration.store.Entry;
import org.lodestone.calibration.store.Json;
import org.lodestone.calibration.tune.CoilTuning;
import org.lodestone.calibration.qa.DailyQa;
import org.lodestone.calibration.gradient.GradientCalibration;
import org.lodestone.hw.session.DeviceException;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs calibration routines on a connected unit, one after another, carrying the settings each
 * one finds into the next, and writes calibration.json, a PNG per routine and report.txt to the
 * output folder. A failed routine stops the ones that need it. Nothing reaches the store during the
 * run: {@link #conclude} stores the run as one version, current only when it passed and was accepted.
 */
public final class CalibrationSuite {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(CalibrationSuite.class);
    /** The after-drive requalification, in order. */
    public static final List<String> ALL = List.of("tune", "frequency", "rf", "shim", "frequency-fine", "qa");
    public static final List<String> ROUTINES = List.of("tune", "frequency", "rf", "shim", "gradients", "noise", "drift", "qa");
    /** After a drive the field may be this far from the last value. */
    public static final double WIDE_SEARCH_SPAN_HZ = 60_000;

    private final ProgramRunner runner;
    private final CalibrationStore store;
    private final String operator;
    private final Path out;
    private final double nominalHz;
    private UnitSettings settings;
    /** Where the starting frequency came from, said in the tune report. */
    private final String frequencySource;
    private final List<RoutineOutcome> outcomes = new ArrayList<>();
    private final Instant started = Instant.now();
    /** What the passed routines calibrated, waiting for the engineer's verdict. */
    private final Map<String, Entry> pending = new LinkedHashMap<>();
    private CalibrationProfile concluded;

    /** @param store null = do not record (a dry run) */
    public CalibrationSuite(ProgramRunner runner, CalibrationStore store, String operator, Path out, double nominalHz)
            throws IOException {
        this.runner = runner;
        this.store = store;
        this.operator = operator;
        this.out = out;
        this.nominalHz = nominalHz;
        Files.createDirectories(out);
        CalibrationProfile p = store != null ? store.current() : CalibrationProfile.empty();
        frequencySource = p.get(CalibrationProfile.FREQUENCY).isPresent()
                ? "last calibrated frequency (store version " + p.version() + ")" : "nominal Larmor frequency (none stored)";
        settings = new UnitSettings(p.value(CalibrationProfile.FREQUENCY, nominalHz), p.value(CalibrationProfile.SHIM_X, 0),
                p.value(CalibrationProfile.SHIM_Y, 0), p.value(CalibrationProfile.SHIM_Z, 0), 0,
                p.value(CalibrationProfile.TRANSMIT_SCALE, 1.0), (int) p.value(CalibrationProfile.TUNE, UnitSettings.POWER_ON_CODE),
                (int) p.value(CalibrationProfile.MATCH, UnitSettings.POWER_ON_CODE));
    }

    public UnitSettings settings() {
        return settings;
    }

    public List<RoutineOutcome> outcomes() {
        return List.copyOf(outcomes);
    }

    public ProgramRunner runner() {
        return runner;
    }

    /** True when routines ran and every one passed its criteria. */
    public boolean passed() {
        return !outcomes.isEmpty() && outcomes.stream().allMatch(o -> o.status() == RoutineOutcome.Status.PASSED);
    }

    /** The values this run calibrated (not yet stored). */
    public Map<String, Entry> pending() {
        return Map.copyOf(pending);
    }

    /** The version {@link #conclude} stored, if it has. */
    public java.util.Optional<CalibrationProfile> concluded() {
        return java.util.Optional.ofNullable(concluded);
    }

    /**
     * Stores this run as one version: ACCEPTED (becomes current) or PENDING only if it passed, REJECTED
     * if the engineer said no, FAILED for a run that did not pass. A failed run never becomes current.
     */
    public CalibrationProfile conclude(CalibrationProfile.Status status, String note) throws IOException {
        if (store == null) throw new IllegalStateException("a dry run has no store");
        if (concluded != null) throw new IllegalStateException("this run is already stored as version " + concluded.version());
        boolean ok = passed();
        if ((status == CalibrationProfile.Status.ACCEPTED || status == CalibrationProfile.Status.PENDING) && !ok) {
            throw new IllegalStateException("a run that did not pass cannot be " + status.name().toLowerCase(Locale.ROOT));
        }
        if (status == CalibrationProfile.Status.FAILED && ok) throw new IllegalStateException("this run passed");
        String routines = String.join(", ", outcomes.stream().map(RoutineOutcome::routine).toList());
        String text = "calibrate " + routines + (note == null || note.isBlank() ? "" : ": " + note);
        concluded = store.record(pending, operator, text, status);
        return concluded;
    }

    /** The command line's verdict: a passing run is accepted (or left pending), a failing one stored as failed. */
    public CalibrationProfile concludeByCriteria(boolean accept) throws IOException {
        if (!passed()) {
            String why = outcomes.stream().filter(o -> o.status() != RoutineOutcome.Status.PASSED)
                    .map(o -> o.routine() + " " + o.reason()).findFirst().orElse("no routine ran");
            return conclude(CalibrationProfile.Status.FAILED, why);
        }
        return conclude(accept ? CalibrationProfile.Status.ACCEPTED : CalibrationProfile.Status.PENDING, "");
    }

    /** Runs the routines in order; after a failure, later routines that depend on it are reported as not run. */
    public boolean run(List<String> routines) {
        boolean ok = true;
        for (String name : routines) {
            if (!ok && !name.equals("noise")) {
                outcomes.add(new RoutineOutcome(name, RoutineOutcome.Status.FAILED, "not run: an earlier routine failed",
                        Map.of(), 0, 0, null, Reason.of(Reason.Code.NOT_RUN)));
                continue;
            }
            RoutineOutcome o = runOne(name);
            outcomes.add(o);
            if (o.status() == RoutineOutcome.Status.FAILED) ok = false;
        }
        return ok;
    }

    private RoutineOutcome runOne(String name) {
        double scan0 = runner.scanSeconds();
        long t0 = System.nanoTime();
        Map<String, Object> values = new LinkedHashMap<>();
        String plot = null;
        try {
            plot = switch (name) {
                case "frequency" -> frequency(values, WIDE_SEARCH_SPAN_HZ);
                case "frequency-fine" -> frequency(values, 0);
                case "rf" -> rf(values);
                case "shim" -> shim(values);
                case "noise" -> noise(values);
                case "drift" -> drift(values);
                case "tune" -> tune(values);
                case "gradients" -> gradients(values);
                case "qa" -> qa(values);
                default -> throw new CalibrationException("unknown routine '" + name + "' (" + String.join(", ", ROUTINES) + ")");
            };
            settings.apply(runner);
            return new RoutineOutcome(name, RoutineOutcome.Status.PASSED, "", values, runner.scanSeconds() - scan0,
                    (System.nanoTime() - t0) / 1e9, plot);
        } catch (RuntimeException e) {
            log.error("Routine {} failed unexpectedly", name, e);
            return new RoutineOutcome(name, RoutineOutcome.Status.FAILED, "internal error (" + e + "); details in the log", values,
                    runner.scanSeconds() - scan0, (System.nanoTime() - t0) / 1e9, plot, Reason.of(Reason.Code.INTERNAL));
        } catch (CalibrationException e) {
            return new RoutineOutcome(name, RoutineOutcome.Status.FAILED, e.getMessage(), values, runner.scanSeconds() - scan0,
                    (System.nanoTime() - t0) / 1e9, plot, e.reason());
        } catch (IOException e) {
            return new RoutineOutcome(name, RoutineOutcome.Status.FAILED, e.getMessage(), values, runner.scanSeconds() - scan0,
                    (System.nanoTime() - t0) / 1e9, plot, Reason.OTHER);
        }
    }


    private String frequency(Map<String, Object> v, double span) throws CalibrationException, IOException {
        double guess = settings.frequencyHz();
        FrequencyCalibration.Result r = FrequencyCalibration.run(runner, settings, guess, span);
        settings = settings.withFrequency(r.frequency().value());
        put(v, "frequency_hz", r.frequency());
        v.put("moved_from_previous_hz", r.frequency().value() - guess);
        v.put("peak_snr", r.snr());
        v.put("search_steps", r.searched().size());
        record(Map.of(CalibrationProfile.FREQUENCY, entry(r.frequency(), span > 0 ? "frequency" : "frequency-fine")));
        String png = span > 0 ? "frequency.png" : "frequency-fine.png";
        if (span > 0 && r.searched().size() > 1) {
            List<double[]> pts = r.searched().stream().map(a -> new double[] {(a[0] - nominalHz) / 1e3, a[1]}).toList();
            v.put("search_plot", plot(new XyPlot(String.format(Locale.ROOT, "Frequency search: %d carriers", r.searched().size()),
                    "carrier − nominal (kHz)", "peak / noise").points(pts, Color.BLUE, "peak-to-noise per carrier")
                    .marker((r.frequency().value() - nominalHz) / 1e3, "found"), "frequency-search.png"));
        }
        // the spectrum the engineer checks: one FID at the new carrier, the line should sit on 0 Hz
        settings.apply(runner);
        Fid fid = Fid.acquire(runner, 1024, 100, 90);
        return plot(RoutinePlots.frequencySpectrum(fid, r.frequency().value(), r.frequency().uncertainty(), r.frequency().value() - guess), png);
    }

    private String tune(Map<String, Object> v) throws CalibrationException, IOException {
        // after a drive the field may be tens of kHz from this; the coil's bandwidth (~f/Q ≈ 200 kHz) makes that harmless
        double target = settings.frequencyHz();
        CoilTuning.Result r = CoilTuning.run(runner, settings, target);
        settings = settings.withTuning(r.tune(), r.match());
        v.put("target_hz", target);
        v.put("target_source", frequencySource);
        v.put("resonance_before_hz", r.before().resonanceHz());
        put(v, "resonance_hz", r.resonanceHz());
        v.put("resonance_minus_target_hz", r.resonanceHz().value() - target);
        put(v, "q", r.q());
        v.put("hz_per_tune_code", r.hzPerTuneCode());
        v.put("reflection_at_target_before", r.gammaBefore());
        v.put("reflection_at_target_after", r.gammaAfter());
        v.put("tune_code", Map.of("before", r.before().tune(), "after", r.tune()));
        v.put("match_code", Map.of("before", r.before().match(), "after", r.match()));
        record(Map.of(CalibrationProfile.TUNE, entry(new Measured(r.tune(), 1, "code"), "tune"),
                CalibrationProfile.MATCH, entry(new Measured(r.match(), 1, "code"), "tune"),
                CalibrationProfile.REFLECTION, entry(new Measured(r.gammaAfter(), 0, ""), "tune")));
        return plot(new XyPlot(String.format(Locale.ROOT, "Coil reflection |Γ| (before grey, after blue); resonance %.1f kHz, Q %.0f",
                (r.resonanceHz().value() - nominalHz) / 1e3, r.q().value()), "frequency − nominal (kHz)", "|Γ| (dB)")
                .line(r.before().magnitudeDb().stream().map(a -> new double[] {(a[0] - nominalHz) / 1e3, a[1]}).toList(), Color.GRAY, "before")
                .line(r.after().magnitudeDb().stream().map(a -> new double[] {(a[0] - nominalHz) / 1e3, a[1]}).toList(), Color.BLUE, "after")
                .marker((target - nominalHz) / 1e3, "Larmor target")
                .marker((r.resonanceHz().value() - nominalHz) / 1e3, "resonance"), "tune.png");
    }

    private String gradients(Map<String, Object> v) throws CalibrationException, IOException {
        GradientCalibration.Result r = GradientCalibration.run(runner, settings);
        String[] ax = {"x", "y", "z"};
        Map<String, Entry> changed = new LinkedHashMap<>();
        for (int a = 0; a < 3; a++) {
            GradientCalibration.Axis x = r.axes()[a];
            put(v, "scale_" + ax[a], x.scale());
            put(v, "delay_" + ax[a] + "_s", x.delayS());
            changed.put(CalibrationProfile.GRADIENT_SCALE[a], entry(x.scale(), "gradients"));
            changed.put(CalibrationProfile.GRADIENT_DELAY[a], entry(x.delayS(), "gradients"));
        }
        v.put("delay_verdict", GradientCalibration.DELAY_VERDICT);
        record(changed);
        v.put("fit_plot", plot(RoutinePlots.gradientFit(r), "gradient-fit.png"));
        return plot(RoutinePlots.gradientProfiles(r), "gradients.png");
    }

    private String qa(Map<String, Object> v) throws CalibrationException, IOException {
        DailyQa.Result r = DailyQa.run(runner, settings, DailyQa.Limits.DEFAULT);
        v.putAll(r.values());
        v.put("limits", DailyQa.Limits.DEFAULT);
        // history and trend: earlier QA results from the store, oldest first, then this one
        List<Map<String, Object>> history = new ArrayList<>();
        if (store != null) {
            Instant last = null;
            for (CalibrationProfile p : store.history()) {
                if (!p.accepted()) continue; // the trend is of what was current, not of failed or rejected runs
                Entry e = p.get(CalibrationProfile.QA_SNR).orElse(null);
                if (e == null || e.time().equals(last)) continue;
                last = e.time();
                // sorted keys: calibration.json reads the same from one run to the next (Map.of's order changes)
                history.add(new java.util.TreeMap<>(Map.of("time", e.time().toString(), "snr", e.value(),
                        "piu_percent", p.value(CalibrationProfile.QA_PIU, Double.NaN),
                        "ghosting_percent", p.value(CalibrationProfile.QA_GHOSTING, Double.NaN),
                        "diameter_error_percent", p.value(CalibrationProfile.QA_DIAMETER, Double.NaN))));
            }
        }
        if (!history.isEmpty()) {
            double prev = (Double) history.getLast().get("snr");
            v.put("snr_change_from_previous_percent", 100 * (r.snr() / prev - 1));
            double first = (Double) history.getFirst().get("snr");
            v.put("snr_change_over_history_percent", 100 * (r.snr() / first - 1));
        }
        v.put("history", history.subList(Math.max(0, history.size() - 10), history.size()));
        Map<String, Entry> rec = new LinkedHashMap<>();
        rec.put(CalibrationProfile.QA_SNR, entry(new Measured(r.snr(), 0, ""), "qa"));
        rec.put(CalibrationProfile.QA_PIU, entry(new Measured(r.piuPercent(), 0, "%"), "qa"));
        rec.put(CalibrationProfile.QA_GHOSTING, entry(new Measured(r.ghostingPercent(), 0, "%"), "qa"));
        rec.put(CalibrationProfile.QA_DIAMETER, entry(new Measured(r.diameterErrorPercent(), 0, "%"), "qa"));
        record(rec);
        double[][] img = r.image();
        List<double[]> row = new ArrayList<>(), col = new ArrayList<>();
        int cy = img.length / 2, cx = img[0].length / 2;
        for (int x = 0; x < img[0].length; x++) row.add(new double[] {(x - cx) * r.pixelMm(), img[cy][x]});
        for (int y = 0; y < img.length; y++) col.add(new double[] {(y - cy) * r.pixelMm(), img[y][cx]});
        String png = plot(new XyPlot(String.format(Locale.ROOT, "QA uniform phantom: SNR %.0f, PIU %.1f %%, ghosting %.2f %%, Ø %.1f × %.1f mm",
                r.snr(), r.piuPercent(), r.ghostingPercent(), r.diameterXmm(), r.diameterYmm()), "position (mm)", "signal (readout red, phase blue)")
                .line(row, Color.RED).line(col, Color.BLUE), "qa.png");
        if (!r.passed()) throw new CalibrationException(Reason.of(Reason.Code.QA_LIMITS), "QA limits not met: " + String.join("; ", r.failures()));
        return png;
    }

    private String rf(Map<String, Object> v) throws CalibrationException, IOException {
        double oldScale = settings.transmitScale();
        TransmitCalibration.Result r = TransmitCalibration.run(runner, settings);
        settings = settings.withTransmitScale(r.transmitScale().value());
        put(v, "transmit_scale", r.transmitScale());
        put(v, "b1_gain_before", r.b1Gain());
        record(Map.of(CalibrationProfile.TRANSMIT_SCALE, entry(r.transmitScale(), "rf")));
        // the flip-angle curve: true flip against the nominal one, before (the unit's own gain) and after the correction
        List<double[]> pts = new ArrayList<>(), before = new ArrayList<>(), after = new ArrayList<>();
        for (double[] pair : r.pairs()) pts.add(new double[] {60, pair[1]});
        for (int deg = 0; deg <= 180; deg += 10) {
            before.add(new double[] {deg, deg * r.b1Gain().value()});
            after.add(new double[] {deg, deg * r.b1Gain().value() * r.transmitScale().value() / oldScale});
        }
        return plot(new XyPlot(String.format(Locale.ROOT, "RF flip angle: gain %.3f before, transmit scale %.4f", r.b1Gain().value(),
                r.transmitScale().value()), "nominal flip (°)", "true flip (°)")
                .line(before, Color.GRAY, "before").line(after, Color.BLUE, "after (ideal: true = nominal)")
                .points(pts, Color.RED, "measured, double-angle pairs").marker(90, "90°"), "rf.png");
    }

    private String shim(Map<String, Object> v) throws CalibrationException, IOException {
        ShimCalibration.Result r = ShimCalibration.run(runner, settings);
        settings = settings.withShim(r.shim()[0].value(), r.shim()[1].value(), r.shim()[2].value());
        put(v, "shim_x_hz_per_m", r.shim()[0]);
        put(v, "shim_y_hz_per_m", r.shim()[1]);
        put(v, "shim_z_hz_per_m", r.shim()[2]);
        v.put("linewidth_before_hz", r.linewidthBeforeHz());
        v.put("linewidth_after_hz", r.linewidthAfterHz());
        v.put("linewidth_before_ppm", r.ppm(r.linewidthBeforeHz()));
        v.put("linewidth_after_ppm", r.ppm(r.linewidthAfterHz()));
        record(Map.of(CalibrationProfile.SHIM_X, entry(r.shim()[0], "shim"), CalibrationProfile.SHIM_Y, entry(r.shim()[1], "shim"),
                CalibrationProfile.SHIM_Z, entry(r.shim()[2], "shim")));
        v.put("field_map_plot", plot(RoutinePlots.shimMaps(r), "shim-maps.png"));
        return plot(RoutinePlots.shimLines(r), "shim.png");
    }

    private String noise(Map<String, Object> v) throws CalibrationException, IOException {
        double expected = store != null ? store.current().value(CalibrationProfile.NOISE_STD, Double.NaN) : Double.NaN;
        NoiseSurvey.Result r = NoiseSurvey.run(runner, settings, expected);
        List<Double> std = new ArrayList<>();
        for (Measured m : r.noiseStd()) std.add(m.value());
        v.put("noise_std", std);
        v.put("excess_over_baseline_db", java.util.Arrays.stream(r.excessDb()).boxed().toList());
        v.put("emi_lines", r.lines().stream().map(l -> Map.of("channel", (int) l[0], "offset_hz", l[1], "power_over_median", l[2])).toList());
        v.put("coherence_with_last_channel", java.util.Arrays.stream(r.coherence()).boxed().toList());
        // the first survey on a unit is its baseline for "noise against expectation"
        if (Double.isNaN(expected)) record(Map.of(CalibrationProfile.NOISE_STD, entry(r.noiseStd()[0], "noise")));
        // every survey, per channel: the trend and the equipment health compare each with its first accepted value
        Map<String, Entry> perChannel = new LinkedHashMap<>();
        for (int c = 0; c < r.noiseStd().length; c++) perChannel.put(CalibrationProfile.noiseStd(c), entry(r.noiseStd()[c], "noise"));
        record(perChannel);
        return plot(RoutinePlots.noise(r), "noise.png");
    }

    private String drift(Map<String, Object> v) throws CalibrationException, IOException {
        DriftCalibration.Result r = DriftCalibration.run(runner, settings, 12, 2, 5000);
        put(v, "temperature_coefficient_per_k", r.coefficientPerK());
        put(v, "slope_hz_per_k", r.slopeHzPerK());
        v.put("temperature_span_k", r.spanK());
        settings = settings.withFrequency(r.points().getLast()[1]);
        record(Map.of(CalibrationProfile.TEMPERATURE_COEFFICIENT, entry(r.coefficientPerK(), "drift")));
        double mt = r.points().stream().mapToDouble(q -> q[0]).average().orElse(0), mf = r.points().stream().mapToDouble(q -> q[1]).average().orElse(0);
        List<double[]> fit = r.points().stream().map(q -> new double[] {q[0], mf + r.slopeHzPerK().value() * (q[0] - mt)}).toList();
        return plot(new XyPlot(String.format(Locale.ROOT, "Drift: %.1f Hz/K (%.0f ppm/K) over %.2f K", r.slopeHzPerK().value(),
                r.coefficientPerK().value() * 1e6, r.spanK()), "magnet (°C)", "frequency (Hz)")
                .points(r.points(), Color.BLUE, "measured").line(fit, Color.RED, "fitted line"), "drift.png");
    }

    /** A plot is a help, not the calibration: if it cannot be drawn the value still stands, and the report says so. */
    private String plot(XyPlot p, String name) {
        try {
            p.write(out.resolve(name));
            return name;
        } catch (IOException | RuntimeException | java.awt.AWTError e) {
            log.warn("Plot {} not written: {}", name, e.getMessage());
            return "(not written: " + e.getMessage() + ")";
        }
    }

    private static void put(Map<String, Object> v, String name, Measured m) {
        v.put(name, Map.of("value", m.value(), "uncertainty", m.uncertainty(), "unit", m.unit()));
    }

    private Entry entry(Measured m, String routine) throws CalibrationException {
        return new Entry(m.value(), m.uncertainty(), m.unit(), Instant.now(), magnetC(), operator, routine);
    }

    private double magnetC() throws CalibrationException {
        try {
            return runner.session().readSensors().magnetTemperatureC();
        } catch (DeviceException e) {
            throw new CalibrationException("cannot read the magnet temperature: " + e.getMessage());
        }
    }

    private void record(Map<String, Entry> changed) {
        pending.putAll(changed);
    }

    /** calibration.json and report.txt in the output folder. */
    public void writeReport(Map<String, Object> unit) throws IOException {
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("unit", unit);
        j.put("operator", operator);
        j.put("start", started.toString());
        j.put("end", Instant.now().toString());
        j.put("scan_seconds", runner.scanSeconds());
        j.put("programs", runner.programs());
        j.put("success", outcomes.stream().noneMatch(o -> o.status() == RoutineOutcome.Status.FAILED));
        // "success" means nothing failed; "complete" that every routine asked for also ran (none missing in this version).
        java.util.List<String> missing = outcomes.stream().filter(o -> o.status() == RoutineOutcome.Status.NOT_AVAILABLE)
                .map(RoutineOutcome::routine).toList();
        j.put("complete", missing.isEmpty());
        j.put("not_available", missing);
        j.put("routines", outcomes);
        j.put("settings", settings);
        if (store != null) j.put("store_version", store.current().version());
        if (concluded != null) j.put("stored", Map.of("version", concluded.version(), "status", concluded.status()));
        Json.mapper().writeValue(out.resolve("calibration.json").toFile(), j);
        String unitText = unit.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).collect(java.util.stream.Collectors.joining(", "));
        String verdict = concluded == null ? (passed() ? "passed, not stored" : "did not pass, not stored")
                : switch (concluded.status()) {
                    case ACCEPTED -> "passed and accepted: version " + concluded.version() + " is current";
                    case PENDING -> "passed, stored as version " + concluded.version() + " awaiting acceptance";
                    case REJECTED -> "rejected: stored as version " + concluded.version() + ", not current";
                    case FAILED -> "failed: stored as version " + concluded.version() + ", the current calibration is unchanged";
                };
        StringBuilder sb = new StringBuilder();
        sb.append("Lodestone calibration report\n");
        sb.append("unit: ").append(unitText).append('\n');
        sb.append("operator: ").append(operator).append(", started ").append(started.truncatedTo(java.time.temporal.ChronoUnit.SECONDS)).append('\n');
        sb.append(String.format(Locale.ROOT, "unit scan time %.1f s in %d programs%n", runner.scanSeconds(), runner.programs()));
        sb.append("result: ").append(verdict).append('\n');
        if (!missing.isEmpty()) {
            sb.append("NOT COMPLETE: ").append(String.join(", ", missing)).append(" not available in this version, so not calibrated\n");
        }
        sb.append('\n');
        StringBuilder html = new StringBuilder("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Lodestone calibration report</title>"
                + "<style>body{font-family:sans-serif;max-width:1000px;margin:auto}td{padding:2px 10px}.PASSED{color:#070}.FAILED{color:#b00}"
                + "img{max-width:100%}</style></head><body><h1>Calibration report</h1>");
        html.append("<p>").append(esc(unitText)).append("<br>operator ").append(esc(operator)).append(", started ").append(started)
                .append(String.format(Locale.ROOT, "<br>unit scan time %.1f s in %d programs", runner.scanSeconds(), runner.programs()))
                .append("<br><b>").append(esc(verdict)).append("</b></p>");
        for (RoutineOutcome o : outcomes) {
            sb.append(String.format(Locale.ROOT, "%-15s %-13s unit time %5.1f s, wall %5.1f s%n", o.routine(), o.status(), o.scanSeconds(), o.wallSeconds()));
            html.append("<h2>").append(esc(o.routine())).append(" <span class=\"").append(o.status()).append("\">").append(o.status())
                    .append("</span></h2>").append(String.format(Locale.ROOT, "<p>unit time %.1f s, wall %.1f s</p>", o.scanSeconds(), o.wallSeconds()));
            if (!o.reason().isEmpty()) {
                sb.append("    reason: ").append(o.reason()).append('\n');
                html.append("<p>reason: ").append(esc(o.reason())).append("</p>");
            }
            html.append("<table>");
            new java.util.TreeMap<>(o.values()).forEach((k, val) -> {
                if (k.equals("history")) return; // the trend is in the window; the report keeps the changes below
                String name = ReportValues.name(k), text = ReportValues.text(k, val);
                sb.append(String.format(Locale.ROOT, "    %-34s %s%n", name, text));
                html.append("<tr><td>").append(esc(name)).append("</td><td>").append(esc(text)).append("</td></tr>");
            });
            html.append("</table>");
            // the routine's further plots (search, field maps, scale fit) under its main one
            o.values().forEach((k, val) -> {
                if (k.endsWith("_plot") && val instanceof String f && f.endsWith(".png")) {
                    html.append("<img src=\"").append(esc(f)).append("\" alt=\"").append(esc(ReportValues.name(k))).append("\">");
                }
            });
            if (o.plot() != null) {
                sb.append("    plot: ").append(o.plot()).append('\n');
                if (o.plot().endsWith(".png")) html.append("<img src=\"").append(esc(o.plot())).append("\" alt=\"").append(esc(o.routine())).append("\">");
            }
        }
        String now = String.format(Locale.ROOT, "settings now: frequency %.1f Hz, transmit scale %.4f, shim %.1f / %.1f / %.1f Hz/m, tune %d, match %d",
                settings.frequencyHz(), settings.transmitScale(), settings.shimX(), settings.shimY(), settings.shimZ(), settings.tune(), settings.match());
        sb.append('\n').append(now).append('\n');
        html.append("<p>").append(esc(now)).append("</p></body></html>\n");
        Files.writeString(out.resolve("report.html"), html.toString());
        Files.writeString(out.resolve("report.txt"), sb.toString());
    }

    private static String esc(String t) {
        return t.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
