package org.lodestone.console.ui.day;

import org.lodestone.console.ui.ShownAs;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.lodestone.console.day.ExamQueue;
import org.lodestone.console.day.LibraryProtocol;
import org.lodestone.console.day.OperatorText;
import org.lodestone.console.day.ParameterCheck;
import org.lodestone.console.day.ProtocolShelf;
import org.lodestone.console.day.ReasonText;
import org.lodestone.console.day.Texts;
import org.lodestone.seq.limits.UnitProfile;
import org.lodestone.seq.protocol.BuiltProtocol;
import org.lodestone.seq.protocol.ParameterSpec;
import org.lodestone.seq.protocol.Protocol;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The library by body region, the chosen protocol's parameters (checked as typed) and the exam's queue. */
final class ProtocolsScreen {
    private final DayContext day;
    private final Texts t;
    private final ObservableList<LibraryProtocol> library = FXCollections.observableArrayList();
    private final ObservableList<ExamQueue.Item> queue = FXCollections.observableArrayList();
    private final GridPane form = new GridPane();
    private final Map<String, TextField> fields = new LinkedHashMap<>();
    private final Map<String, Label> fieldReasons = new LinkedHashMap<>();
    private final Label validation = new Label();
    private final Label total = new Label();
    private final Label message = new Label();
    private final Button add = new Button();
    private LibraryProtocol chosen;
    private ParameterCheck.Result result;

    ProtocolsScreen(DayContext day) {
        this.day = day;
        this.t = day.t();
    }

    Node node() {
        HBox columns = new HBox(16, libraryColumn(), formColumn(), queueColumn());
        columns.setPadding(new Insets(12));
        day.watch(day.examVersion, (o, was, now) -> refreshQueue());
        day.watch(day.exam, (o, was, now) -> refreshQueue());
        refreshQueue();
        ScrollPane scroll = new ScrollPane(columns);
        scroll.setFitToWidth(true);
        return scroll;
    }

    private VBox libraryColumn() {
        ComboBox<String> region = new ComboBox<>(FXCollections.observableArrayList(ProtocolShelf.REGIONS));
        region.setId("region");
        region.setConverter(ShownAs.words(r -> t.get("protocols.region." + r)));
        ListView<LibraryProtocol> list = new ListView<>(library);
        list.setId("library");
        list.setPrefHeight(300);
        TextCells.show(list, p -> p.title(t) + (p.userMade() ? " ★" : ""));
        region.valueProperty().addListener((o, was, r) -> library.setAll(day.shelf.region(r)));
        list.getSelectionModel().selectedItemProperty().addListener((o, was, p) -> choose(p));
        region.setValue(ProtocolShelf.REGIONS.getFirst());
        VBox box = new VBox(8, PatientsScreen.heading(t.get("protocols.region")), region, PatientsScreen.heading(t.get("protocols.library")), list);
        box.setPrefWidth(280);
        return box;
    }

    private VBox formColumn() {
        form.setId("form");
        form.setHgap(8);
        form.setVgap(4);
        validation.setId("validation");
        validation.setWrapText(true);
        validation.setMaxWidth(380);
        add.setId("queue-add");
        add.setText(t.get("protocols.add"));
        add.setOnAction(e -> addToQueue());
        TextField name = new TextField();
        name.setId("save-name");
        name.setPromptText(t.get("protocols.saveName"));
        Button save = new Button(t.get("protocols.saveAs"));
        save.setId("save-protocol");
        save.setDisable(!day.session.mayEditProtocols());
        if (save.isDisable()) save.setTooltip(new Tooltip(t.get("protocols.notAllowed")));
        save.setOnAction(e -> saveAs(name.getText()));
        message.setId("protocols-message");
        message.setWrapText(true);
        message.setMaxWidth(380);
        ScrollPane formScroll = new ScrollPane(form);
        formScroll.setPrefViewportHeight(300);
        formScroll.setFitToWidth(true);
        VBox box = new VBox(8, PatientsScreen.heading(t.get("protocols.parameters")), formScroll, validation, add,
                new HBox(8, name, save), message);
        box.setPrefWidth(400);
        return box;
    }

    private VBox queueColumn() {
        ListView<ExamQueue.Item> list = new ListView<>(queue);
        list.setId("queue");
        list.setPrefHeight(260);
        TextCells.show(list, it -> t.get("protocols.queueItem", it.position(), t.protocolTitle(it.protocol(), it.title()), Texts.clock(it.seconds())));
        total.setId("queue-total");
        Button up = queueButton("queue-up", "protocols.up", list, (q, i) -> { if (i > 1) q.move(user(), i, i - 1); });
        Button down = queueButton("queue-down", "protocols.down", list, (q, i) -> { if (i < queue.size()) q.move(user(), i, i + 1); });
        Button dup = queueButton("queue-duplicate", "protocols.duplicate", list, (q, i) -> q.duplicate(user(), i));
        Button remove = queueButton("queue-remove", "protocols.remove", list, (q, i) -> q.remove(user(), i));
        VBox box = new VBox(8, PatientsScreen.heading(t.get("protocols.queue")), list, total, new HBox(8, up, down), new HBox(8, dup, remove));
        box.setPrefWidth(300);
        return box;
    }

    private interface QueueAction {
        void apply(ExamQueue q, int position);
    }

    private Button queueButton(String id, String key, ListView<ExamQueue.Item> list, QueueAction action) {
        Button b = new Button(t.get(key));
        b.setId(id);
        b.disableProperty().bind(list.getSelectionModel().selectedItemProperty().isNull().or(day.scanning));
        b.setOnAction(e -> {
            ExamQueue q = examQueue();
            ExamQueue.Item it = list.getSelectionModel().getSelectedItem();
            if (q == null || it == null) return;
            try {
                action.apply(q, it.position());
            } catch (RuntimeException ex) {
                message.setText(t.get("app.error", OperatorText.reason(ex)));
            }
            day.examVersion.set(day.examVersion.get() + 1);
        });
        return b;
    }

    private org.lodestone.workflow.user.Actor user() {
        return day.session.user().orElseThrow();
    }

    private ExamQueue examQueue() {
        var e = day.exam.get();
        return e == null ? null : new ExamQueue(day.workflow.exams(), day.workflow.audit(), e.studyUid());
    }

    private void refreshQueue() {
        ExamQueue q = examQueue();
        queue.setAll(q == null ? java.util.List.of() : q.items());
        total.setText(q == null ? t.get("protocols.noExam") : t.get("protocols.total", Texts.clock(queue.stream().mapToDouble(ExamQueue.Item::seconds).sum())));
        updateAdd();
    }

    /** A new protocol: a new form from its named defaults; the old result goes. */
    private void choose(LibraryProtocol p) {
        chosen = p;
        form.getChildren().clear();
        fields.clear();
        fieldReasons.clear();
        message.setText("");
        if (p == null) {
            revalidate();
            return;
        }
        Protocol proto = ProtocolShelf.protocolOf(p);
        int row = 0;
        for (ParameterSpec s : proto.parameters()) {
            TextField f = new TextField(ParameterSpec.fmt(p.parameters().getOrDefault(s.name(), s.defaultValue())));
            f.setId("param-" + s.name());
            f.setPrefColumnCount(6);
            if (s.help() != null && !s.help().isBlank()) f.setTooltip(new Tooltip(s.help()));
            f.textProperty().addListener((o, was, now) -> revalidate());
            Label reason = new Label();
            reason.setId("param-" + s.name() + "-reason");
            reason.getStyleClass().add("reason");
            reason.setWrapText(true);
            reason.setMaxWidth(340);
            form.addRow(row++, new Label(t.has("param." + s.name()) ? t.get("param." + s.name()) : s.label()), f,
                    new Label(s.unit() + "  " + s.range()));
            form.add(reason, 1, row++, 2, 1);
            reason.setManaged(false);
            reason.visibleProperty().addListener((o, was, v) -> reason.setManaged(v));
            fields.put(s.name(), f);
            fieldReasons.put(s.name(), reason);
        }
        revalidate();
    }

    private void revalidate() {
        if (chosen == null) {
            result = null;
            validation.setText("");
            updateAdd();
            return;
        }
        Map<String, String> texts = new LinkedHashMap<>();
        fields.forEach((n, f) -> texts.put(n, f.getText()));
        result = ParameterCheck.check(ProtocolShelf.protocolOf(chosen), texts, this::plan);
        fields.forEach((n, f) -> {
            String why = ReasonText.of(t, n, result.fieldErrors().get(n));
            f.getStyleClass().remove("invalid");
            if (why != null) f.getStyleClass().add("invalid");
            Label r = fieldReasons.get(n);
            r.setText(why == null ? "" : why);
            r.setVisible(why != null);
        });
        validation.getStyleClass().remove("reason");
        if (result.valid()) {
            validation.setText(t.get("protocols.planSummary", Texts.clock(result.built().scanTimeSeconds())));
        } else {
            validation.getStyleClass().add("reason");
            validation.setText(reasons(result));
        }
        updateAdd();
    }

    /** Every reason in the window's language, one a line, fields first. */
    private String reasons(ParameterCheck.Result r) {
        List<String> all = new ArrayList<>();
        r.fieldErrors().forEach((n, why) -> all.add(ReasonText.of(t, n, why)));
        if (r.generalError() != null) all.add(ReasonText.of(t, null, r.generalError()));
        return String.join("\n", all);
    }

    private BuiltProtocol plan(Protocol p, Map<String, Double> values) throws Exception {
        var svc = day.service();
        if (svc == null) return p.build(values, UnitProfile.PLANNING);
        var exam = day.exam.get();
        Double weight = exam == null ? null : exam.patient().weightKg();
        BuiltProtocol b = p.build(values, svc.profileFor(weight)); // names the field of a timing error
        svc.plan(p.name(), values);                                 // and the unit's gradient/RF limits
        return b;
    }

    private void updateAdd() {
        add.setDisable(result == null || !result.valid() || day.exam.get() == null || !day.session.mayScan());
    }

    private void addToQueue() {
        ExamQueue q = examQueue();
        if (q == null || result == null || !result.valid()) return;
        q.add(user(), chosen.protocol(), result.built().parameters());
        day.examVersion.set(day.examVersion.get() + 1);
    }

    private void saveAs(String name) {
        if (chosen == null || result == null || !result.valid()) return;
        try {
            var saved = day.shelf.save(day.session, new LibraryProtocol(name.trim(), chosen.region(), chosen.protocol(),
                    Map.of("en", name.trim()), result.built().parameters(), null));
            library.setAll(day.shelf.region(chosen.region()));
            message.setText(t.get("protocols.saved", saved.id()));
        } catch (SecurityException e) {
            message.setText(t.get("protocols.notAllowed"));
        } catch (Exception e) {
            message.setText(t.get("app.error", OperatorText.reason(e)));
        }
    }
}
