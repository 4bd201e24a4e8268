package dev.agh.cli;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Command names close to a mistyped one: at most two edits away (an insertion, a deletion, a substitution or a
 * swap of neighbours: {@code tsak} is one edit from {@code task}), or starting with what was typed.
 */
final class Suggestions {
    private static final int MAX_EDITS = 2;

    private Suggestions() {}

    static List<String> closest(String typed, Collection<String> names) {
        String word = typed.toLowerCase(Locale.ROOT);
        List<String> close = new ArrayList<>();
        for (String name : names) {
            if (!name.equals(word)
                    && (distance(word, name) <= Math.min(MAX_EDITS, name.length() / 2)
                            || word.length() >= 2 && name.startsWith(word))) {
                close.add(name);
            }
        }
        close.sort(Comparator.comparingInt((String name) -> distance(word, name))
                .thenComparing(Comparator.naturalOrder()));
        return close.subList(0, Math.min(3, close.size()));
    }

    /** Edits between {@code a} and {@code b}, a swap of two neighbours counting as one (optimal string alignment). */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
