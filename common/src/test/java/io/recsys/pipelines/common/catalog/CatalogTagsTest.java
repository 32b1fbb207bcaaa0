package io.recsys.pipelines.common.catalog;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CatalogTagsTest {
    @Test
    void normalizeTrimsLowerCasesAndKeepsTheFirstOfEachTag() {
        assertEquals(List.of("red", "blue"), CatalogTags.normalize(List.of(" Red ", "BLUE", "red", "", "  ", "Blue")));
    }

    @Test
    void lowerCasingMapsEachCodePointLikeGo() {
        // Go's strings.ToLower: no final-sigma rule, and U+0130 becomes a plain "i" (Java's full mapping adds U+0307).
        assertEquals(List.of("οδοσ", "istanbul", "ǆ"), CatalogTags.normalize(List.of("ΟΔΟΣ", "\u0130STANBUL", "ǅ")));
    }

    @Test
    void trimmingRemovesUnicodeWhiteSpaceOnlyAsGoDoes() {
        // No-break and ideographic spaces are white space; the unit separator U+001F is not (Java's trim() takes it).
        assertEquals(List.of("a", "\u001Fb"), CatalogTags.normalize(List.of("\u00A0a\u3000", "\u001Fb\u0085")));
    }

    @Test
    void splitCutsOnEverySeparatorAndDropsEmptyParts() {
        assertEquals(List.of("a", "b c", "D"), CatalogTags.split("|a;; b c ,D|"));
        assertEquals(List.of(), CatalogTags.split(" "));
    }
}
