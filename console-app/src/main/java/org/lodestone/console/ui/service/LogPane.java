package org.lodestone.console.ui.service;

import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.lodestone.console.service.diagnostics.ConsoleLog;
import org.lodestone.console.service.diagnostics.LogEntry;
import org.lodestone.console.service.diagnostics.LogFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.ResourceBundle;

/**
 * The log viewer: the console's log filtered by minimum level, time range and component, each entry on one line
 * (no stack traces or device paths on screen), and Export of the filtered entries in full to a file.
 */
public final class LogPane extends VBox {
    private static final Logger log = LoggerFactory.getLogger(LogPane.class);
    private static final DateTimeFormatter DAY_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd H:mm[:ss]", Locale.ROOT);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("H:mm[:ss]", Locale.ROOT);
    private final ResourceBundle text;
    private final Optional<ConsoleLog> consoleLog;
    private final Path exportDir;

    final ChoiceBox<LogEntry.Level> level = new ChoiceBox<>();
    final TextField from = new TextField(), to = new TextField(), component = new TextField();
    final Button apply = new Button(), export = new Button();
    final ListView<String> lines = new ListView<>();
    final Label count = new Label(), message = new Label();
    private List<LogEntry> shown = List.of();

    public LogPane(ResourceBundle text, Optional<ConsoleLog> consoleLog, Path exportDir) {
        super(8);
        this.text = text;
        this.consoleLog = consoleLog;
        this.exportDir = exportDir;
        setPadding(new Insets(10));
        level.getItems().setAll(LogEntry.Level.values());
        level.setValue(LogEntry.Level.INFO);
        level.setId("log-level");
        from.setId("log-from");
        to.setId("log-to");
        component.setId("log-component");
        from.setPrefColumnCount(12);
        to.setPrefColumnCount(12);
        from.setPromptText("2026-12-06 14:30");
        to.setPromptText("14:45");
        apply.setText(t("service.log.apply"));
        apply.setId("log-apply");
        apply.setOnAction(e -> applyFilter());
        export.setText(t("service.log.export"));
        export.setId("log-export");
        export.setOnAction(e -> exportShown());
        lines.setId("log-lines");
        lines.setPrefHeight(520);
        lines.setStyle("-fx-font-family: monospace;");
        count.setId("log-count");
        message.setId("log-message");
        message.setWrapText(true);
        getChildren().addAll(new HBox(8, new Label(t("service.log.level")), level, new Label(t("service.log.from")), from,
                new Label(t("service.log.to")), to, new Label(t("service.log.component")), component, apply, export), count, lines, message);
        if (consoleLog.isEmpty()) message.setText(t("service.log.none"));
    }

    private String t(String key, Object... args) {
        String s = text.containsKey(key) ? text.getString(key) : key;
        return args.length == 0 ? s : MessageFormat.format(s, args);
    }

    /** Reads the log again and shows the entries the filter accepts, oldest first. */
    void applyFilter() {
        message.setText("");
        if (consoleLog.isEmpty()) {
            message.setText(t("service.log.none"));
            return;
        }
        LogFilter filter;
        try {
            filter = new LogFilter(level.getValue(), time(from.getText()), time(to.getText()), component.getText());
        } catch (DateTimeParseException | IllegalArgumentException e) {
            message.setText(t("service.log.bad-time"));
            return;
        }
        try {
            List<LogEntry> all = consoleLog.get().entries();
            shown = all.stream().filter(filter::accepts).toList();
            lines.getItems().setAll(shown.stream().map(LogEntry::shown).toList());
            count.setText(t("service.log.count", shown.size(), all.size()));
            if (!shown.isEmpty()) lines.scrollTo(shown.size() - 1);
        } catch (IOException e) {
            log.warn("log not readable", e);
            message.setText(t("service.log.error", e.getMessage()));
        }
    }

    /** "2026-12-06 14:30[:05]" or "14:30[:05]" (today); empty for an open end. */
    static LocalDateTime time(String s) {
        String v = s == null ? "" : s.trim();
        if (v.isEmpty()) return null;
        if (v.length() <= 8) return LocalDateTime.of(LocalDate.now(), LocalTime.parse(v, TIME));
        return LocalDateTime.parse(v, DAY_TIME);
    }

    /** Writes the shown entries in full (with their detail lines) to a new file in the export directory. */
    void exportShown() {
        Path target = exportDir.resolve("log-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT)) + ".log");
        try {
            int n = ConsoleLog.export(shown, target);
            message.setText(t("service.log.exported", n, target.toAbsolutePath()));
            lastExport = target;
        } catch (IOException e) {
            log.warn("log export failed", e);
            message.setText(t("service.log.error", e.getMessage()));
        }
    }

    Path lastExport;
}
