package org.lodestone.console.ui.day;

import javafx.application.Platform;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.lodestone.console.day.ExamClosing;
import org.lodestone.console.day.Sending;
import org.lodestone.console.day.Texts;
import org.lodestone.dicom.outbox.OutboxJob;

import java.util.List;

/** Send the exam to the PACS with each series' outbox state; close the exam (refused with reasons, or with a note). */
final class SendScreen {
    private final DayContext day;
    private final Texts t;
    private final ObservableList<String> states = FXCollections.observableArrayList();
    private final Label sendMessage = new Label();
    private final Label closeMessage = new Label();

    SendScreen(DayContext day) {
        this.day = day;
        this.t = day.t();
    }

    Node node() {
        ComboBox<String> destination = new ComboBox<>();
        destination.setId("send-destination");
        try {
            destination.getItems().setAll(day.sending.destinations().stream().filter(d -> !d.equals(day.config.risName())).toList());
        } catch (java.sql.SQLException e) {
            sendMessage.setText(t.get("app.error", e.getMessage()));
        }
        if (day.config.pacsName() != null && destination.getItems().contains(day.config.pacsName())) destination.setValue(day.config.pacsName());
        else if (!destination.getItems().isEmpty()) destination.setValue(destination.getItems().getFirst());
        Button send = new Button(t.get("send.button"));
        send.setId("send-button");
        send.disableProperty().bind(destination.valueProperty().isNull().or(day.exam.isNull()).or(day.scanning));
        if (destination.getItems().isEmpty()) sendMessage.setText(t.get("send.noDestination"));
        send.setOnAction(e -> send(destination.getValue()));
        ListView<String> list = new ListView<>(states);
        list.setId("send-states");
        list.setPrefHeight(200);
        sendMessage.setId("send-message");
        sendMessage.setWrapText(true);

        TextField note = new TextField();
        note.setId("close-note");
        note.setPromptText(t.get("close.note"));
        note.setPrefColumnCount(30);
        Button close = new Button(t.get("close.button"));
        close.setId("close-button");
        close.disableProperty().bind(day.exam.isNull());
        close.setOnAction(e -> close(note.getText()));
        closeMessage.setId("close-message");
        closeMessage.setWrapText(true);
        closeMessage.setMaxWidth(700);

        day.watch(day.examVersion, (o, was, now) -> refresh());
        day.watch(day.exam, (o, was, now) -> refresh());
        refresh();
        VBox page = new VBox(10, PatientsScreen.heading(t.get("send.destination")), new HBox(8, destination, send), list, sendMessage,
                PatientsScreen.heading(t.get("close.button")), new HBox(8, note, close), closeMessage);
        page.setPadding(new Insets(12));
        return page;
    }

    private void send(String to) {
        var exam = day.exam.get();
        var by = day.session.user().orElseThrow();
        sendMessage.setText("");
        day.background(() -> {
            OutboxJob j = day.sending.send(by, exam.studyUid(), to);
            Platform.runLater(() -> {
                sendMessage.setText(j.status() == OutboxJob.Status.SENT ? t.get("send.done", to, j.imagesSent(), j.imagesTotal())
                        : t.get("send.queued", j.lastError() == null ? "" : org.lodestone.console.day.OperatorText.clean(j.lastError())));
                day.markOnline(j.status() == OutboxJob.Status.SENT);
                day.examVersion.set(day.examVersion.get() + 1);
                day.housekeeping();
            });
        }, why -> sendMessage.setText(t.get("app.error", why)));
    }

    private void refresh() {
        var exam = day.exam.get();
        if (exam == null) {
            states.clear();
            return;
        }
        try {
            List<Sending.SeriesState> s = day.sending.states(exam.studyUid());
            states.setAll(s.stream().map(x -> t.get("send.state", x.number(), t.protocolTitle(x.protocol(), x.protocol()), x.sent(), x.images(),
                    t.get("send.state." + (x.images() == 0 && x.status() == null && sentBefore(s) ? "noImages"
                            : x.status() == null ? "none" : x.status().label())))).toList());
        } catch (Exception e) {
            sendMessage.setText(t.get("app.error", org.lodestone.console.day.OperatorText.reason(e)));
        }
    }

    /** Once anything of the exam went out, a series without images (the FID's spectrum) has nothing to send. */
    private static boolean sentBefore(List<Sending.SeriesState> s) {
        return s.stream().anyMatch(x -> x.status() != null);
    }

    private void close(String note) {
        var exam = day.exam.get();
        try {
            ExamClosing.Outcome o = day.closing.close(day.session.user().orElseThrow(), exam.studyUid(), day.scanning.get(), note, t);
            if (o.closed()) {
                closeMessage.setText(t.get("close.done"));
                day.exam.set(day.workflow.exams().get(exam.studyUid()).orElse(exam));
                day.examVersion.set(day.examVersion.get() + 1);
            } else {
                closeMessage.setText(t.get("close.refused", String.join(" ", o.reasons())));
            }
        } catch (Exception e) {
            closeMessage.setText(t.get("app.error", org.lodestone.console.day.OperatorText.reason(e)));
        }
    }
}
