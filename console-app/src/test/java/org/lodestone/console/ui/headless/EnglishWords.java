package org.lodestone.console.ui.headless;

import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Labeled;
import javafx.scene.text.Text;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds English left in a Chinese window: words with a run of three or more ASCII letters that are not tokens
 * every language writes the same (units, acronyms, protocol names such as se2d, names as entered).
 */
public final class EnglishWords {
    /** Units, acronyms and names the Chinese texts keep as they are. */
    public static final Set<String> SHARED = Set.of("ms", "Hz", "kHz", "MHz", "dB", "mm", "cm", "Hz/m", "mT/m", "K/min", "Hz/min",
            "ppm", "GB", "MB", "SNR", "PIU", "QA", "GPIO", "gpio", "CRC", "FID", "FLAIR", "FLASH", "RARE", "STIR", "DICOM", "PACS",
            "RIS", "MPR", "MIP", "ROI", "FOV", "SAR", "NIfTI", "Lodestone", "English", "YYYY-MM-DD", "operator", "MWL");
    private static final Pattern WORD = Pattern.compile("[A-Za-z][A-Za-z0-9_./^'-]*");
    private static final Pattern LETTERS = Pattern.compile("[A-Za-z]{3,}");
    /** A protocol's name (se2d, gre3d, tse2d-t2): letters with a digit in them. */
    private static final Pattern PROTOCOL = Pattern.compile("[a-z]+[0-9][a-z0-9-]*");

    private EnglishWords() {
    }

    /** The English words in {@code text}; {@code alsoAllowed}: names as entered, AE titles and the like. */
    public static List<String> in(String text, Set<String> alsoAllowed) {
        List<String> found = new ArrayList<>();
        String plain = text.replaceAll("\\{[^}]*}", " "); // a pattern's placeholders
        Matcher m = WORD.matcher(plain);
        while (m.find()) {
            String w = m.group().replaceAll("[.'-]+$", "");
            if (!LETTERS.matcher(w).find() || SHARED.contains(w) || alsoAllowed.contains(w) || PROTOCOL.matcher(w).matches()) continue;
            found.add(w);
        }
        return found;
    }

    /** Each visible Labeled or Text under {@code root} with English in it, as "text  ← words". */
    public static List<String> shownUnder(Node root, Set<String> alsoAllowed) {
        Set<String> found = new LinkedHashSet<>();
        for (String text : textsUnder(root)) {
            List<String> words = in(text, alsoAllowed);
            if (!words.isEmpty()) found.add(text + "  \u2190 " + words);
        }
        return List.copyOf(found);
    }

    /** The text of every visible Labeled and Text under {@code root} (list cells, tab headers, chart labels included). */
    public static List<String> textsUnder(Node root) {
        List<String> texts = new ArrayList<>();
        walk(root, texts);
        return texts;
    }

    private static void walk(Node n, List<String> texts) {
        if (!n.isVisible()) return;
        String text = n instanceof Labeled l ? l.getText() : n instanceof Text t ? t.getText() : null;
        if (text != null && !text.isBlank()) texts.add(text);
        if (n instanceof Parent p) {
            for (Node c : p.getChildrenUnmodifiable()) walk(c, texts);
        }
    }
}
