package org.lodestone.console.ui.service;

import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.lodestone.console.service.diagnostics.AuditView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.text.MessageFormat;
import java.util.ResourceBundle;

/** The audit trail for the administrator: newest first, filtered by action; anyone else is told it is not for them. */
public final class AuditPane extends VBox {
    private static final Logger log = LoggerFactory.getLogger(AuditPane.class);
    private final ResourceBundle text;
    private final AuditView audit;
    final TextField action = new TextField();
    final ListView<String> entries = new ListView<>();
    final Label count = new Label();

    public AuditPane(ResourceBundle text, AuditView audit) {
        super(8);
        this.text = text;
        this.audit = audit;
        setPadding(new Insets(10));
        action.setId("audit-action");
        entries.setId("audit-entries");
        entries.setPrefHeight(520);
        count.setId("audit-count");
        Button apply = new Button(t("service.log.apply"));
        apply.setId("audit-apply");
        apply.setOnAction(e -> refresh());
        getChildren().addAll(new HBox(8, new Label(t("service.log.audit.action")), action, apply), count, entries);
        refresh();
    }

    private String t(String key, Object... args) {
        String s = text.containsKey(key) ? text.getString(key) : key;
        return args.length == 0 ? s : MessageFormat.format(s, args);
    }

    void refresh() {
        try {
            var list = audit.entries(action.getText());
            entries.getItems().setAll(list.stream().map(AuditView::shown).toList());
            count.setText(t("service.log.audit.count", list.size()));
        } catch (AuditView.NotAdministrator e) {
            entries.getItems().clear();
            count.setText(t("service.log.audit.admin-only"));
        } catch (RuntimeException e) {
            log.warn("audit trail not readable", e);
            count.setText(t("service.log.error", e.getMessage()));
        }
    }
}
