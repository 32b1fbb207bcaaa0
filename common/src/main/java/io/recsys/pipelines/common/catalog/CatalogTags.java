package io.recsys.pipelines.common.catalog;

import io.recsys.pipelines.common.text.GoStrings;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** How tags are cut out of a CSV field and normalised for {@code content_sim} (contract 4.2). */
public final class CatalogTags {
    private CatalogTags() {
    }

    /** A CSV tags field split on {@code |}, {@code ,} and {@code ;}: parts trimmed, empty parts dropped. */
    public static List<String> split(String field) {
        List<String> tags = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= field.length(); i++) {
            if (i == field.length() || isSeparator(field.charAt(i))) {
                addTrimmed(tags, field.substring(start, i));
                start = i + 1;
            }
        }
        return tags;
    }

    /** Trimmed, lower-cased, empty ones dropped, duplicates dropped keeping the first occurrence. */
    public static List<String> normalize(List<String> tags) {
        Set<String> normalized = new LinkedHashSet<>();
        for (String tag : tags) {
            String t = GoStrings.toLower(GoStrings.trimSpace(tag));
            if (!t.isEmpty()) {
                normalized.add(t);
            }
        }
        return List.copyOf(normalized);
    }

    static void addTrimmed(List<String> tags, String tag) {
        String trimmed = GoStrings.trimSpace(tag);
        if (!trimmed.isEmpty()) {
            tags.add(trimmed);
        }
    }

    private static boolean isSeparator(char c) {
        return c == '|' || c == ',' || c == ';';
    }
}
