package org.lodestone.console.day;

import java.text.MessageFormat;
import java.text.NumberFormat;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * Every sentence the technician's screens show, from {@code messages.properties} (and its zh_CN twin) in one
 * locale, with numbers and dates in that locale's style. Immutable: switching language makes a new one.
 */
public final class Texts {
    public static final String BUNDLE = "org.lodestone.console.ui.messages";
    public static final Locale CHINESE = Locale.SIMPLIFIED_CHINESE;

    private final ResourceBundle bundle;
    private final Locale locale;

    private Texts(ResourceBundle bundle, Locale locale) {
        this.bundle = bundle;
        this.locale = locale;
    }

    /** The texts in {@code locale}; English where the locale has no file. */
    public static Texts of(Locale locale) {
        // NO_FALLBACK to the JVM's default locale: a Chinese machine asking for English gets English.
        ResourceBundle b = ResourceBundle.getBundle(BUNDLE, locale,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
        return new Texts(b, locale);
    }

    public static Texts english() {
        return of(Locale.ENGLISH);
    }

    public Locale locale() {
        return locale;
    }

    public ResourceBundle bundle() {
        return bundle;
    }

    /** The text for {@code key} with {@code args} put in ({0}, {1}, … in MessageFormat style, in this locale). */
    public String get(String key, Object... args) {
        String pattern;
        try {
            pattern = bundle.getString(key);
        } catch (MissingResourceException e) {
            return key; // visible in the window and caught by MessagesTest, never a crash
        }
        return args.length == 0 ? pattern : new MessageFormat(pattern, locale).format(args);
    }

    public boolean has(String key) {
        return bundle.containsKey(key);
    }

    /** A number with {@code digits} decimals, grouped the locale's way. */
    public String number(double v, int digits) {
        NumberFormat f = NumberFormat.getNumberInstance(locale);
        f.setMinimumFractionDigits(digits);
        f.setMaximumFractionDigits(digits);
        return f.format(v);
    }

    public String date(LocalDate d) {
        return d == null ? "" : DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(locale).format(d);
    }

    public String dateTime(LocalDateTime t) {
        return t == null ? "" : DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT).withLocale(locale).format(t);
    }

    /** A unit protocol's title in this language; the library's (English) title where this language has none. */
    public String protocolTitle(String protocol, String libraryTitle) {
        return has("protocol." + protocol) ? get("protocol." + protocol) : libraryTitle;
    }

    /** A user's role as the operator reads it, in this language. */
    public String role(org.lodestone.workflow.user.Role r) {
        return get("role." + r.text());
    }

    /** "mm:ss", or "h:mm:ss" from an hour; unknown as "--:--". */
    public static String clock(double seconds) {
        if (!Double.isFinite(seconds) || seconds < 0) return "--:--";
        long s = Math.round(seconds);
        long h = s / 3600;
        return h > 0 ? String.format(Locale.ROOT, "%d:%02d:%02d", h, (s % 3600) / 60, s % 60)
                : String.format(Locale.ROOT, "%02d:%02d", s / 60, s % 60);
    }
}
