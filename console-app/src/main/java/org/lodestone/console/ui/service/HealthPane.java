package org.lodestone.console.ui.service;

import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import org.lodestone.console.service.health.ChannelNoise;
import org.lodestone.console.service.health.EquipmentHealth;
import org.lodestone.console.service.health.HealthAlert;
import org.lodestone.console.service.health.HealthMonitor;
import org.lodestone.console.service.health.HealthRules;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.text.MessageFormat;
import java.time.Instant;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.function.Consumer;

/**
 * The Health tab: magnet temperature and drift rate, RF power and reflection, link counters, noise per
 * channel over its baseline, free disk, and the alerts that fire now. It samples the monitor every
 * {@link #PERIOD} while shown (the drift rate needs readings over time) and on Refresh; the monitor reads
 * the unit off the window's thread.
 */
public final class HealthPane extends VBox {
    private static final Logger log = LoggerFactory.getLogger(HealthPane.class);
    static final Duration PERIOD = Duration.seconds(10);
    private final ResourceBundle text;
    private final HealthMonitor monitor;
    final Label magnet = new Label(), drift = new Label(), rf = new Label(), reflection = new Label(), link = new Label(), disk = new Label();
    final Label summary = new Label();
    final ListView<String> noise = new ListView<>(), alerts = new ListView<>();
    final Button refresh = new Button();
    private volatile EquipmentHealth last;
    private final Timeline sampling;
    /** Told on the window's thread after every check (tests wait on it). */
    private Consumer<EquipmentHealth> onChecked = h -> { };

    public HealthPane(ResourceBundle text, HealthMonitor monitor) {
        this.text = text;
        this.monitor = monitor;
        setSpacing(8);
        setPadding(new Insets(10));
        setId("service-health");
        refresh.setText(t("service.health.refresh"));
        refresh.setId("service-health-refresh");
        refresh.setOnAction(e -> refresh());
        summary.setId("service-health-summary");
        alerts.setId("service-health-alerts");
        alerts.setPrefHeight(150);
        noise.setId("service-health-noise");
        noise.setPrefHeight(130);
        GridPane grid = new GridPane(16, 6);
        String[] keys = {"magnet", "drift", "rf", "reflection", "link", "disk"};
        Label[] values = {magnet, drift, rf, reflection, link, disk};
        for (int i = 0; i < keys.length; i++) {
            values[i].setId("service-health-" + keys[i]);
            values[i].setWrapText(true);
            grid.addRow(i, new Label(t("service.health.label." + keys[i])), values[i]);
        }
        getChildren().addAll(refresh, summary, alerts, grid, new Label(t("service.health.label.noise", fmt(HealthRules.NOISE_UP_DB, 0))), noise);
        sampling = new Timeline(new KeyFrame(PERIOD, e -> refresh()));
        sampling.setCycleCount(Timeline.INDEFINITE);
        sceneProperty().addListener((o, a, s) -> {
            if (s == null) sampling.stop();
            else sampling.play();
        });
    }

    private String t(String key, Object... args) {
        String s = text.containsKey(key) ? text.getString(key) : key;
        return args.length == 0 ? s : new MessageFormat(s, text.getLocale()).format(args);
    }

    void onChecked(Consumer<EquipmentHealth> c) {
        onChecked = c;
    }

    /** Checks on a background thread and shows the result. */
    public void refresh() {
        refresh.setDisable(true);
        Thread.ofPlatform().daemon().name("service-health").start(() -> {
            EquipmentHealth h;
            try {
                h = monitor.check(Instant.now());
            } catch (RuntimeException e) {
                log.error("Health check failed", e);
                Platform.runLater(() -> {
                    summary.setText(t("service.health.error"));
                    refresh.setDisable(false);
                });
                return;
            }
            Platform.runLater(() -> show(h));
        });
    }

    EquipmentHealth last() {
        return last;
    }

    private void show(EquipmentHealth h) {
        last = h;
        refresh.setDisable(false);
        String na = t("service.health.na");
        magnet.setText(Double.isNaN(h.magnetC()) ? na : Double.isNaN(h.temperatureKPerMin()) ? t("service.health.magnet.now", fmt(h.magnetC(), 2))
                : t("service.health.magnet", fmt(h.magnetC(), 2), fmt(h.temperatureKPerMin(), 3)));
        drift.setText(Double.isNaN(h.driftHzPerMin()) ? t("service.health.drift.waiting")
                : t(h.coefficientCalibrated() ? "service.health.drift" : "service.health.drift.nominal", fmt(h.driftHzPerMin(), 1),
                fmt(HealthRules.DRIFT_RATE_MAX_HZ_PER_MIN, 0)));
        rf.setText(Double.isNaN(h.rfForwardW()) ? na : t("service.health.rf", fmt(h.rfForwardW(), 2)));
        reflection.setText(Double.isNaN(h.reflection()) ? t("service.health.reflection.none")
                : t("service.health.reflection", fmt(h.reflection(), 4), fmt(HealthRules.MAX_REFLECTION, 2)));
        link.setText(h.link());
        disk.setText(h.freeDiskBytes() < 0 ? na : t("service.health.disk", fmt(h.freeDiskBytes() / 1e9, 1)));
        noise.getItems().setAll(h.noise().stream().map(this::noiseLine).toList());
        if (h.noise().isEmpty()) noise.getItems().setAll(t("service.health.noise.none"));
        alerts.getItems().setAll(h.alerts().stream().map(this::alertLine).toList());
        summary.setText(h.alerts().isEmpty() ? t("service.health.ok") : t("service.health.alerts", h.alerts().size()));
        summary.setStyle(h.alerts().isEmpty() ? "-fx-text-fill: #2a7a2a; -fx-font-weight: bold" : "-fx-text-fill: #c02020; -fx-font-weight: bold");
        onChecked.accept(h);
    }

    String noiseLine(ChannelNoise c) {
        return t("service.health.noise", c.channel(), fmt(c.baseline(), 3), fmt(c.latest(), 3), String.format(Locale.ROOT, "%+.1f", c.excessDb()));
    }

    String alertLine(HealthAlert a) {
        return switch (a.rule()) {
            case NOISE_UP -> t("service.health.alert.NOISE_UP", a.subject().replace("channel ", ""), String.format(Locale.ROOT, "%+.1f", a.value()),
                    fmt(a.threshold(), 1));
            case DRIFT_RATE -> t("service.health.alert.DRIFT_RATE", fmt(a.value(), 0), fmt(a.threshold(), 0));
            case QA_SNR_FALLING -> t("service.health.alert.QA_SNR_FALLING", fmt(a.value(), 0), fmt(a.threshold(), 0));
            case REFLECTION_HIGH -> t("service.health.alert.REFLECTION_HIGH", fmt(a.value(), 3), fmt(a.threshold(), 2));
            case DISK_LOW -> t("service.health.alert.DISK_LOW", fmt(a.value() / 1e9, 1), fmt(a.threshold() / 1e9, 1));
        };
    }

    private static String fmt(double v, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }
}
