package org.lodestone.console.ui.day;

import javafx.application.Platform;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.lodestone.console.day.PatientDraft;
import org.lodestone.console.day.PatientRegistration;
import org.lodestone.console.day.Texts;
import org.lodestone.console.day.TodayList;
import org.lodestone.dicom.worklist.WorklistEntry;
import org.lodestone.workflow.exam.Exam;
import org.lodestone.workflow.patient.Patient;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Today's list: the worklist (refresh, search, take), registration by hand, patient search and previous exams. */
final class PatientsScreen {
    private final DayContext day;
    private final Runnable examOpened;
    private final Texts t;
    private final ObservableList<WorklistEntry> entries = FXCollections.observableArrayList();
    private List<WorklistEntry> all = List.of();
    private final Label worklistMessage = new Label();
    private final Map<String, TextField> fields = new LinkedHashMap<>();
    private final Map<String, Label> reasons = new LinkedHashMap<>();
    private final Label registerMessage = new Label();
    private final Label examLine = new Label();
    private final ObservableList<Patient> found = FXCollections.observableArrayList();
    private final ObservableList<Exam> previous = FXCollections.observableArrayList();

    PatientsScreen(DayContext day, Runnable examOpened) {
        this.day = day;
        this.examOpened = examOpened;
        this.t = day.t();
    }

    Node node() {
        HBox columns = new HBox(16, worklist(), registration(), search());
        columns.setPadding(new Insets(12));
        examLine.setId("exam-line");
        examLine.getStyleClass().add("exam-line");
        examLine.setWrapText(true);
        showExam(day.exam.get());
        day.watch(day.exam, (o, was, now) -> showExam(now));
        VBox page = new VBox(8, examLine, columns);
        page.setPadding(new Insets(8, 12, 8, 12));
        ScrollPane scroll = new ScrollPane(page);
        scroll.setFitToWidth(true);
        return scroll;
    }

    private void showExam(Exam e) {
        examLine.setText(e == null ? t.get("patients.noExam")
                : t.get("patients.exam", e.patient().name(), e.accession(), e.reason() == null ? "" : e.reason()));
    }

    private VBox worklist() {
        Label title = heading(t.get("patients.worklist"));
        TextField search = new TextField();
        search.setId("worklist-search");
        search.setPromptText(t.get("patients.search"));
        search.textProperty().addListener((o, was, now) -> entries.setAll(TodayList.search(all, now)));
        Button refresh = new Button(t.get("patients.refresh"));
        refresh.setId("worklist-refresh");
        ListView<WorklistEntry> list = new ListView<>(entries);
        list.setId("worklist");
        list.setPrefHeight(200);
        TextCells.show(list, e -> t.get("patients.entry", e.scheduledTime().length() >= 4
                        ? e.scheduledTime().substring(0, 2) + ":" + e.scheduledTime().substring(2, 4) : e.scheduledTime(),
                        e.patientName(), e.patientId(), e.requestedProcedureDescription()));
        Button pick = new Button(t.get("patients.pick"));
        pick.setId("worklist-pick");
        pick.disableProperty().bind(list.getSelectionModel().selectedItemProperty().isNull());
        pick.setOnAction(e -> {
            WorklistEntry entry = list.getSelectionModel().getSelectedItem();
            day.background(() -> {
                Exam exam = day.today.pick(entry, day.session.user().orElseThrow());
                Platform.runLater(() -> opened(exam));
            }, why -> worklistMessage.setText(t.get("app.error", why)));
        });
        refresh.setOnAction(e -> refresh());
        worklistMessage.setId("worklist-message");
        worklistMessage.setWrapText(true);
        worklistMessage.getStyleClass().add("reason");
        if (!day.today.hasRis()) worklistMessage.setText(t.get("patients.noRis"));
        else refresh();
        VBox box = new VBox(8, title, new HBox(8, search, refresh), list, pick, worklistMessage);
        box.setPrefWidth(360);
        HBox.setHgrow(box, Priority.ALWAYS);
        return box;
    }

    private void refresh() {
        if (!day.today.hasRis()) return;
        day.background(() -> {
            var r = day.today.refresh(LocalDate.now(), null);
            Platform.runLater(() -> {
                all = r.entries();
                entries.setAll(all);
                worklistMessage.setText(all.isEmpty() ? t.get("patients.worklistEmpty") : "");
                day.markOnline(true);
            });
        }, why -> {
            worklistMessage.setText(t.get("patients.worklistFailed", why));
            day.markOnline(false);
        });
    }

    private VBox registration() {
        GridPane form = new GridPane();
        form.setHgap(8);
        form.setVgap(6);
        int row = 0;
        for (String f : PatientRegistration.FIELDS) {
            TextField field = new TextField();
            field.setId("patient-" + f);
            Label reason = new Label();
            reason.setId("patient-" + f + "-reason");
            reason.getStyleClass().add("reason");
            reason.setWrapText(true);
            reason.setMaxWidth(300);
            reason.managedProperty().bind(reason.textProperty().isNotEmpty()); // no gap under a valid field: fits 1024×600
            Label name = new Label(t.get("patients.field." + f));
            name.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE); // the field gives way, the name is never cut
            form.add(name, 0, row);
            form.add(field, 1, row++);
            form.add(reason, 1, row++);
            fields.put(f, field);
            reasons.put(f, reason);
        }
        Button register = new Button(t.get("patients.registerButton"));
        register.setId("patient-register");
        register.setOnAction(e -> register());
        registerMessage.setId("patient-message");
        registerMessage.getStyleClass().add("reason");
        registerMessage.setWrapText(true);
        register.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        HBox.setHgrow(registerMessage, Priority.ALWAYS);
        // the message beside the button: under it, it fell behind the status bar at 1024×600 with a field marked
        HBox registerRow = new HBox(8, register, registerMessage);
        registerRow.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        VBox box = new VBox(8, heading(t.get("patients.register")), form, registerRow);
        box.setPrefWidth(330);
        return box;
    }

    private PatientDraft draft() {
        return new PatientDraft(text("id"), text("name"), text("birth"), text("sex"), text("weight"), text("height"));
    }

    private String text(String f) {
        return fields.get(f).getText();
    }

    private void register() {
        PatientDraft d = draft();
        var by = day.session.user().orElseThrow();
        PatientRegistration reg = new PatientRegistration(day.workflow.patients(), day.workflow.audit());
        PatientRegistration.Check c = reg.register(d, by);
        show(c);
        if (!c.valid()) return;
        Exam exam = day.today.openWalkIn(d.id(), null, by, LocalDateTime.now());
        opened(exam);
        fields.values().forEach(TextField::clear);
    }

    private void show(PatientRegistration.Check c) {
        fields.forEach((f, field) -> {
            var r = c.reasons().get(f);
            field.getStyleClass().remove("invalid");
            if (r != null) field.getStyleClass().add("invalid");
            reasons.get(f).setText(r == null ? "" : r.text(t));
        });
        registerMessage.setText(c.valid() ? "" : t.get("patients.fixFields"));
    }

    private void opened(Exam exam) {
        day.exam.set(exam);
        day.scan.localizerPlanes.clear();
        day.scan.localizerDir.set(null);
        day.scan.reset();
        day.examVersion.set(day.examVersion.get() + 1);
        examOpened.run();
    }

    private VBox search() {
        TextField query = new TextField();
        query.setId("patient-search");
        query.setPromptText(t.get("patients.search"));
        ListView<Patient> list = new ListView<>(found);
        list.setId("patient-results");
        list.setPrefHeight(120);
        TextCells.show(list, p -> p.id() + "  " + p.name() + (p.birth() == null ? "" : "  " + t.date(p.birth())));
        query.textProperty().addListener((o, was, now) -> found.setAll(now.isBlank() ? List.of()
                : new PatientRegistration(day.workflow.patients(), day.workflow.audit()).search(now)));
        ListView<Exam> exams = new ListView<>(previous);
        exams.setId("previous-exams");
        exams.setPrefHeight(120);
        TextCells.show(exams, e -> t.get("patients.previousEntry",
                        t.dateTime(LocalDateTime.ofInstant(e.opened(), ZoneId.systemDefault())), e.reason() == null ? "" : e.reason(),
                        e.series().size(), e.status()));
        list.getSelectionModel().selectedItemProperty().addListener((o, was, p) ->
                previous.setAll(p == null ? List.of() : day.today.previousExams(p.id())));
        Button open = new Button(t.get("patients.openExam"));
        open.setId("patient-open-exam");
        open.disableProperty().bind(list.getSelectionModel().selectedItemProperty().isNull());
        open.setOnAction(e -> opened(day.today.openWalkIn(list.getSelectionModel().getSelectedItem().id(), null,
                day.session.user().orElseThrow(), LocalDateTime.now())));
        VBox box = new VBox(8, heading(t.get("patients.searchPatients")), query, list, open, heading(t.get("patients.previous")), exams);
        box.setPrefWidth(300);
        return box;
    }

    static Label heading(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("heading");
        return l;
    }
}
