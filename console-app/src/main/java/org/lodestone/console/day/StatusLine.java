package org.lodestone.console.day;

import org.lodestone.hw.gpio.GpioInput;

import java.util.ArrayList;
import java.util.List;

/**
 * The always-visible status bar as data: unit link, interlocks, magnet temperature, frequency drift, amplifiers,
 * free disk, outbox queue, network, user. Never a device path, never whether the unit is simulated.
 * NaN or null mean "not known yet" and show as a dash.
 */
public record StatusLine(Link link, String interlockBlocking, double magnetTemperatureC, double driftHzPerMin, long freeDiskBytes,
                         int outboxWaiting, boolean online, String user) {
    public enum Link { CONNECTING, CONNECTED, NOT_RESPONDING, DISCONNECTED }

    /** Severity of one item, for its colour. */
    public enum Level { OK, WARN, BAD }

    /** One item of the bar: an id for tests and styles, its text and severity. */
    public record Item(String id, String text, Level level) {
    }

    public static final StatusLine STARTING = new StatusLine(Link.CONNECTING, null, Double.NaN, Double.NaN, -1, 0, true, null);

    public StatusLine withLink(Link l) {
        return new StatusLine(l, interlockBlocking, magnetTemperatureC, driftHzPerMin, freeDiskBytes, outboxWaiting, online, user);
    }

    public StatusLine withInterlocks(String blocking) {
        return new StatusLine(link, blocking, magnetTemperatureC, driftHzPerMin, freeDiskBytes, outboxWaiting, online, user);
    }

    public StatusLine withMagnet(double temperatureC, double driftHzPerMin) {
        return new StatusLine(link, interlockBlocking, temperatureC, driftHzPerMin, freeDiskBytes, outboxWaiting, online, user);
    }

    public StatusLine withHousekeeping(long freeDisk, int outbox, boolean isOnline) {
        return new StatusLine(link, interlockBlocking, magnetTemperatureC, driftHzPerMin, freeDisk, outbox, isOnline, user);
    }

    public StatusLine withUser(String u) {
        return new StatusLine(link, interlockBlocking, magnetTemperatureC, driftHzPerMin, freeDiskBytes, outboxWaiting, online, u);
    }

    public List<Item> items(Texts t) {
        List<Item> out = new ArrayList<>();
        out.add(new Item("link", t.get("status.link." + link.name().toLowerCase(java.util.Locale.ROOT)),
                link == Link.CONNECTED ? Level.OK : link == Link.CONNECTING ? Level.WARN : Level.BAD));
        boolean ampFault = interlockBlocking != null && (interlockBlocking.contains(GpioInput.RF_AMP_FAULT.unsafeText())
                || interlockBlocking.contains(GpioInput.GRADIENT_AMP_FAULT.unsafeText()));
        String others = interlockBlocking == null ? null : interlockBlocking;
        out.add(new Item("interlocks", others == null ? t.get("status.interlocks.safe") : t.get("status.interlocks.unsafe", shortInterlocks(others, t)),
                others == null ? Level.OK : Level.BAD));
        out.add(new Item("magnet", Double.isNaN(magnetTemperatureC) ? t.get("status.magnet", "–")
                : t.get("status.magnet", t.number(magnetTemperatureC, 1)), Level.OK));
        out.add(new Item("drift", Double.isNaN(driftHzPerMin) ? t.get("status.drift", "–")
                : t.get("status.drift", t.number((double) Math.round(driftHzPerMin), 0)), Math.abs(driftHzPerMin) > 500 ? Level.WARN : Level.OK));
        out.add(new Item("amplifiers", t.get(ampFault ? "status.amplifiers.fault" : "status.amplifiers.ok"), ampFault ? Level.BAD : Level.OK));
        out.add(new Item("disk", freeDiskBytes < 0 ? t.get("status.disk", "–") : t.get("status.disk", t.number(freeDiskBytes / 1e9, 1)),
                freeDiskBytes >= 0 && freeDiskBytes < 5_000_000_000L ? Level.WARN : Level.OK));
        out.add(new Item("outbox", t.get("status.outbox", outboxWaiting), outboxWaiting > 0 ? Level.WARN : Level.OK));
        out.add(new Item("network", t.get(online ? "status.online" : "status.offline"), online ? Level.OK : Level.WARN));
        out.add(new Item("user", user == null ? t.get("status.noUser") : user, Level.OK));
        return out;
    }

    private static String shortInterlocks(String blocking, Texts t) {
        List<String> names = new ArrayList<>();
        for (GpioInput in : GpioInput.values()) {
            if (blocking.contains(in.unsafeText())) names.add(t.get("interlock.short." + in.name().toLowerCase(java.util.Locale.ROOT)));
        }
        return names.isEmpty() ? OperatorText.clean(blocking) : String.join(", ", names);
    }
}
