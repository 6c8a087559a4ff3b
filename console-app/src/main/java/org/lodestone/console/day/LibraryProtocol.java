package org.lodestone.console.day;

import java.util.Map;
import java.util.TreeMap;

/**
 * One entry of the protocol library: a unit protocol ({@code protocol}, e.g. se2d) with named defaults, under a
 * body region. {@code titles} by language tag ("en", "zh-CN"); user protocols carry their author.
 */
public record LibraryProtocol(String id, String region, String protocol, Map<String, String> titles, Map<String, Double> parameters,
                              String author) {
    public LibraryProtocol {
        titles = Map.copyOf(titles);
        parameters = java.util.Collections.unmodifiableMap(new TreeMap<>(parameters));
    }

    /** The title in the texts' language, else English, else the id. */
    public String title(Texts t) {
        String tag = t.locale().toLanguageTag();
        if (titles.containsKey(tag)) return titles.get(tag);
        if (titles.containsKey(t.locale().getLanguage())) return titles.get(t.locale().getLanguage());
        return titles.getOrDefault("en", id);
    }

    public boolean userMade() {
        return author != null;
    }

    public LibraryProtocol withParameters(Map<String, Double> p) {
        return new LibraryProtocol(id, region, protocol, titles, p, author);
    }
}
