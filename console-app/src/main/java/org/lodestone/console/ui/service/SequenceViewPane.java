package org.lodestone.console.ui.service;

import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.image.ImageView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.lodestone.console.service.seqview.SequenceLanes;
import org.lodestone.console.service.seqview.SequenceLanesPng;
import org.lodestone.seq.limits.UnitProfile;
import org.lodestone.seq.protocol.Protocol;
import org.lodestone.seq.protocol.ProtocolLibrary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.text.MessageFormat;
import java.util.Map;
import java.util.ResourceBundle;

/** The service bench's sequence viewer: a protocol's events as lanes over a time window, with zoom. */
final class SequenceViewPane extends VBox {
    private static final Logger log = LoggerFactory.getLogger(SequenceViewPane.class);
    private final ResourceBundle text;
    final TextField seqFrom = new TextField("0"), seqTo = new TextField("0.2");
    final ChoiceBox<String> seqProtocol = new ChoiceBox<>();
    final ImageView seqImage = new ImageView();
    final Label seqError = new Label();

    SequenceViewPane(ResourceBundle text) {
        super(8);
        this.text = text;
        for (Protocol p : ProtocolLibrary.all()) seqProtocol.getItems().add(p.name());
        seqProtocol.setValue("se2d");
        seqProtocol.setId("service-seq-protocol");
        seqFrom.setId("service-seq-from");
        seqTo.setId("service-seq-to");
        seqImage.setId("service-seq-image");
        seqImage.setPreserveRatio(true);
        seqImage.setFitWidth(1100);
        Button draw = new Button(t("service.seq.draw"));
        draw.setId("service-seq-draw");
        draw.setOnAction(e -> drawSequence());
        Button zoomIn = new Button("+"), zoomOut = new Button("−");
        zoomIn.setId("service-seq-zoom-in");
        zoomOut.setId("service-seq-zoom-out");
        zoomIn.setOnAction(e -> zoom(0.5));
        zoomOut.setOnAction(e -> zoom(2));
        getChildren().addAll(new HBox(8, seqProtocol, new Label(t("service.seq.from")), seqFrom, new Label(t("service.seq.to")), seqTo,
                draw, zoomIn, zoomOut), seqError, seqImage);
        setPadding(new Insets(10));
    }

    private void zoom(double factor) {
        try {
            double a = Double.parseDouble(seqFrom.getText()), b = Double.parseDouble(seqTo.getText());
            seqTo.setText(String.valueOf(a + (b - a) * factor));
        } catch (NumberFormatException ignored) {
            // drawSequence says what is wrong with the range
        }
        drawSequence();
    }

    void drawSequence() {
        try {
            double a = Double.parseDouble(seqFrom.getText().trim()), b = Double.parseDouble(seqTo.getText().trim());
            Protocol p = ProtocolLibrary.find(seqProtocol.getValue()).orElseThrow();
            SequenceLanes m = SequenceLanes.of(p.build(Map.of(), UnitProfile.PLANNING).sequence(), a, b);
            seqImage.setImage(FxImages.of(SequenceLanesPng.render(m)));
            seqError.setText(t("service.seq.shown", m.lanes().stream().mapToInt(l -> l.shapes().size()).sum()));
        } catch (NumberFormatException e) {
            seqError.setText(t("service.seq.bad-range"));
        } catch (RuntimeException | org.lodestone.seq.protocol.ParameterException e) {
            log.warn("Sequence not drawn", e);
            seqError.setText(t("service.seq.error", e.getMessage()));
        }
    }

    private String t(String key, Object... args) {
        String s = text.containsKey(key) ? text.getString(key) : key;
        return args.length == 0 ? s : MessageFormat.format(s, args);
    }
}
