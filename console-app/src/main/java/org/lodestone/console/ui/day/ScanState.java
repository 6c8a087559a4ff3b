package org.lodestone.console.ui.day;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.scene.image.Image;
import org.lodestone.console.day.FidSpectrumView;

import java.nio.file.Path;

/** What the Scan and Planning screens show of the current and last scan; FX thread only. */
public final class ScanState {
    public final DoubleProperty progress = new SimpleDoubleProperty();
    public final StringProperty progressText = new SimpleStringProperty("");
    public final StringProperty outcome = new SimpleStringProperty("");
    public final ObservableList<String> events = FXCollections.observableArrayList();
    public final ObjectProperty<Image> image = new SimpleObjectProperty<>();
    /** The last readout's magnitude (channel 0), for the live echo. */
    public final ObjectProperty<double[]> echo = new SimpleObjectProperty<>();
    /** Which k-space rows have arrived (phase encode index → received), for the filling view. */
    public final ObjectProperty<boolean[]> kspace = new SimpleObjectProperty<>();
    public final ObjectProperty<FidSpectrumView> spectrum = new SimpleObjectProperty<>();
    /** The three localizer planes (axial, coronal, sagittal) of the exam's last localizer. */
    public final ObservableList<Image> localizerPlanes = FXCollections.observableArrayList();
    public final ObjectProperty<Path> localizerDir = new SimpleObjectProperty<>();
    public final BooleanProperty paused = new SimpleBooleanProperty();
    private double lastFrequencyHz = Double.NaN;
    private long lastFrequencyAt;
    private double driftHzPerMin = Double.NaN;
    private boolean online = true;

    /** Clears what belonged to the previous scan (a protocol switch never leaves an old result on screen). */
    public void reset() {
        progress.set(0);
        progressText.set("");
        outcome.set("");
        image.set(null);
        echo.set(null);
        kspace.set(null);
        spectrum.set(null);
    }

    /** Frequency drift from the centre frequencies of successive scans. */
    public void frequencyMeasured(double hz, long atMillis) {
        if (!Double.isFinite(hz) || hz <= 0) return;
        if (Double.isFinite(lastFrequencyHz) && atMillis > lastFrequencyAt) {
            driftHzPerMin = (hz - lastFrequencyHz) / ((atMillis - lastFrequencyAt) / 60_000.0);
        }
        lastFrequencyHz = hz;
        lastFrequencyAt = atMillis;
    }

    public double driftHzPerMin() {
        return driftHzPerMin;
    }

    public boolean online() {
        return online;
    }

    void setOnline(boolean o) {
        online = o;
    }
}
