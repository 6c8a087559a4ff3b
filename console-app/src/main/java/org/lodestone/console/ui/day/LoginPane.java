package org.lodestone.console.ui.day;

import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.lodestone.console.day.Session;
import org.lodestone.console.day.Texts;

/** The login / lock screen over the whole window: nothing behind it can be reached while it shows. */
final class LoginPane {
    private final DayContext day;
    private final Runnable loggedIn;
    private final StackPane overlay = new StackPane();
    private final Label heading = new Label();
    private final Label message = new Label();
    private final TextField user = new TextField();
    private final PasswordField password = new PasswordField();
    private final Button go = new Button();
    private final Button other = new Button();
    private boolean unlocking;

    LoginPane(DayContext day, Runnable loggedIn) {
        this.day = day;
        this.loggedIn = loggedIn;
        Texts t = day.t();
        overlay.setId("login");
        overlay.getStyleClass().add("login-overlay");
        heading.getStyleClass().add("heading");
        user.setId("login-user");
        user.setPromptText(t.get("login.user"));
        password.setId("login-password");
        password.setPromptText(t.get("login.password"));
        message.setId("login-message");
        message.setWrapText(true);
        message.getStyleClass().add("reason");
        go.setId("login-button");
        go.setDefaultButton(true);
        go.setOnAction(e -> submit());
        other.setId("login-other");
        other.setText(t.get("login.switch"));
        other.setOnAction(e -> {
            day.session.switchUser();
            showLogin();
        });
        // the language can be changed before anyone logs in
        Button language = new Button(t.get("app.language"));
        language.setId("login-language");
        language.setOnAction(e -> day.texts.set(Texts.of(day.t().locale().getLanguage().equals("zh") ? java.util.Locale.ENGLISH : Texts.CHINESE)));
        VBox box = new VBox(12, language, heading, user, password, go, other, message);
        box.getStyleClass().add("login-box");
        box.setMaxSize(420, Region.USE_PREF_SIZE);
        box.setAlignment(Pos.CENTER_LEFT);
        overlay.getChildren().add(box);
    }

    Node node() {
        return overlay;
    }

    boolean isVisible() {
        return overlay.isVisible();
    }

    void showFor(Session s) {
        if (s.user().isPresent() && s.locked()) showLocked();
        else showLogin();
    }

    void showLogin() {
        Texts t = day.t();
        unlocking = false;
        heading.setText(t.get("login.title"));
        boolean open = day.session.open();
        user.setVisible(!open);
        user.setManaged(!open);
        user.setDisable(false);
        user.clear();
        password.setVisible(!open);
        password.setManaged(!open);
        password.clear();
        other.setVisible(false);
        other.setManaged(false);
        go.setText(t.get("login.button"));
        message.setText(open ? t.get("login.open") : "");
        overlay.setVisible(true);
        (open ? go : user).requestFocus();
    }

    void showLocked() {
        Texts t = day.t();
        unlocking = true;
        String name = day.session.user().map(a -> a.name()).orElse("");
        heading.setText(t.get("login.locked", day.config.idleLock().toMinutes(), name));
        user.setText(name);
        user.setDisable(true);
        user.setVisible(true);
        user.setManaged(true);
        password.setVisible(true);
        password.setManaged(true);
        password.clear();
        other.setVisible(true);
        other.setManaged(true);
        go.setText(t.get("login.unlock"));
        message.setText("");
        overlay.setVisible(true);
        password.requestFocus();
    }

    void hide() {
        overlay.setVisible(false);
    }

    private void submit() {
        char[] pw = password.getText().toCharArray();
        Session.Attempt a = unlocking ? day.session.unlock(pw) : day.session.login(user.getText(), pw);
        java.util.Arrays.fill(pw, '\0');
        password.clear();
        if (!a.ok()) {
            message.setText(day.t().get("login.refused", a.refusal()));
            return;
        }
        hide();
        loggedIn.run();
    }
}
