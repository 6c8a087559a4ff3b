package org.lodestone.console.ui.service;

import org.lodestone.console.service.diagnostics.DoorLoopTest;
import org.lodestone.console.service.diagnostics.GpioSnapshot;
import org.lodestone.hw.gpio.GpioInput;

import java.text.MessageFormat;
import java.util.ResourceBundle;

/** The loop test's and the GPIO list's words for what the inputs and enables show (the library says it in English). */
final class LoopStepText {
    private LoopStepText() {
    }

    /** What a step saw: the door, the stop, the enables, and the trip when there was one ("" when nothing was read). */
    static String seen(ResourceBundle text, DoorLoopTest.StepResult r) {
        GpioSnapshot s = r.seen();
        if (s == null) return "";
        String enables = t(text, s.enablesUp() ? "service.diag.loop.enables.up" : s.enablesDown() ? "service.diag.loop.enables.down"
                : "service.diag.loop.enables.mixed");
        String seen = t(text, "service.diag.loop.seen", input(text, s, GpioInput.DOOR_CLOSED, "door"),
                input(text, s, GpioInput.EMERGENCY_STOP, "stop"), enables);
        return r.tripped() ? t(text, "service.diag.loop.seen.tripped", seen) : seen;
    }

    /** One input, e.g. "Door: OPEN" ({@code kind}: door, stop or fault). */
    static String input(ResourceBundle text, GpioSnapshot s, GpioInput in, String kind) {
        GpioSnapshot.Input i = s.inputs().get(in);
        String state = t(text, "service.diag.gpio." + kind + "." + i.active());
        return t(text, "service.diag.gpio.in." + in.name(), i.known() ? state : t(text, "service.diag.gpio.unknown", state));
    }

    private static String t(ResourceBundle text, String key, Object... args) {
        String s = text.containsKey(key) ? text.getString(key) : key;
        return args.length == 0 ? s : MessageFormat.format(s, args);
    }
}
