package org.lodestone.twin.script;

import org.lodestone.twin.physics.ThermalModel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * An event script: one event per line, "TIME WHAT...", TIME in seconds of twin time; '#' starts a
 * comment. Events at the same time keep their file order.
 * <pre>
 *   30 door open | 60 door close | 40 estop press | 45 estop release
 *   0 ambient ramp +5 600        (5 K over 600 s)   10 ambient step -1
 *   120 link stall 2             (2 s wall clock)
 *   200 sensor fail magnet       (magnet|ambient|rf) 260 sensor ok magnet
 *   300 fifo overrun             310 amplifier fault   (rf|gradient|both, default both)  320 amplifier ok
 *   400 magnet overtemp          (thermostat)          460 magnet ok
 * </pre>
 */
public record EventScript(List<ScriptEvent> events) {
    public static final EventScript EMPTY = new EventScript(List.of());

    public EventScript {
        List<ScriptEvent> sorted = new ArrayList<>(events);
        sorted.sort(Comparator.comparingDouble(ScriptEvent::atS));
        events = List.copyOf(sorted);
    }

    public static EventScript read(Path file) throws IOException {
        return parse(Files.readString(file), file.toString());
    }

    public static EventScript parse(String text, String source) {
        List<ScriptEvent> out = new ArrayList<>();
        String[] lines = text.split("\\R");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            int hash = line.indexOf('#');
            if (hash >= 0) line = line.substring(0, hash);
            line = line.trim();
            if (line.isEmpty()) continue;
            try {
                out.add(parseLine(line.toLowerCase(Locale.ROOT).split("\\s+")));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(source + ":" + (i + 1) + ": " + e.getMessage() + " in '" + lines[i].trim() + "'");
            }
        }
        return new EventScript(out);
    }

    private static ScriptEvent parseLine(String[] w) {
        if (w.length < 2) throw new IllegalArgumentException("expected 'TIME EVENT ...'");
        double t = number(w[0]);
        if (t < 0) throw new IllegalArgumentException("negative time");
        String what = w[1] + (w.length > 2 ? " " + w[2] : "");
        return switch (what) {
            case "door open" -> new ScriptEvent.Door(t, true);
            case "door close", "door closed" -> new ScriptEvent.Door(t, false);
            case "estop press", "estop pressed" -> new ScriptEvent.EStop(t, true);
            case "estop release", "estop released" -> new ScriptEvent.EStop(t, false);
            case "ambient ramp" -> new ScriptEvent.Ambient(t, number(arg(w, 3)), number(arg(w, 4)));
            case "ambient step" -> new ScriptEvent.Ambient(t, number(arg(w, 3)), 0);
            case "link stall" -> new ScriptEvent.LinkStall(t, number(arg(w, 3)));
            case "sensor fail" -> new ScriptEvent.Sensor(t, sensor(arg(w, 3)), true);
            case "sensor ok" -> new ScriptEvent.Sensor(t, sensor(arg(w, 3)), false);
            case "fifo overrun" -> new ScriptEvent.FifoOverrun(t);
            case "amplifier fault" -> new ScriptEvent.AmplifierFault(t, amplifier(w), true);
            case "amplifier ok" -> new ScriptEvent.AmplifierFault(t, amplifier(w), false);
            case "magnet overtemp" -> new ScriptEvent.MagnetOvertemp(t, true);
            case "magnet ok" -> new ScriptEvent.MagnetOvertemp(t, false);
            default -> throw new IllegalArgumentException("unknown event '" + what + "'");
        };
    }

    private static String arg(String[] w, int i) {
        if (i >= w.length) throw new IllegalArgumentException("missing argument " + (i - 2));
        return w[i];
    }

    private static String amplifier(String[] w) {
        if (w.length < 4) return "both";
        if (!w[3].equals("rf") && !w[3].equals("gradient") && !w[3].equals("both")) {
            throw new IllegalArgumentException("unknown amplifier '" + w[3] + "' (rf, gradient or both)");
        }
        return w[3];
    }

    private static String sensor(String s) {
        if (!s.equals("magnet") && !s.equals("ambient") && !s.equals("rf")) {
            throw new IllegalArgumentException("unknown sensor '" + s + "' (magnet, ambient or rf)");
        }
        return s;
    }

    private static double number(String s) {
        double v = Double.parseDouble(s.startsWith("+") ? s.substring(1) : s);
        if (!Double.isFinite(v)) throw new IllegalArgumentException("not a finite number: " + s);
        return v;
    }

    /** The ambient changes, for the thermal model (known in advance, so temperature is a function of time). */
    public List<ThermalModel.AmbientChange> ambientChanges() {
        List<ThermalModel.AmbientChange> out = new ArrayList<>();
        for (ScriptEvent e : events) {
            if (e instanceof ScriptEvent.Ambient a) out.add(new ThermalModel.AmbientChange(a.atS(), a.deltaK(), a.durationS()));
        }
        return out;
    }
}
