package org.twinstudio.testlang.validation;

import java.util.Collection;
import java.util.Locale;

/** "Did you mean" hints: the known name closest to a misspelt one, by edit distance. */
public final class Suggestions {

    private Suggestions() {
    }

    /**
     * The candidate with the smallest Levenshtein distance to {@code name} (case-insensitive), if that distance is
     * at most a third of the name's length (at least 2); else null.
     */
    static String closest(String name, Collection<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        String wanted = name.toLowerCase(Locale.ROOT);
        for (String candidate : candidates) {
            int d = distance(wanted, candidate.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                best = candidate;
                bestDistance = d;
            }
        }
        return best != null && bestDistance <= Math.max(2, name.length() / 3) ? best : null;
    }

    /**
     * For a misspelt keyword: the candidate within edit distance max(1, length / 3) of a word of at least 3 letters,
     * or null.
     */
    public static String closestOf(String word, Collection<String> candidates) {
        if (word.length() < 3) {
            return null;
        }
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            int d = distance(word.toLowerCase(Locale.ROOT), candidate);
            if (d < bestDistance) {
                best = candidate;
                bestDistance = d;
            }
        }
        return bestDistance <= Math.max(1, word.length() / 3) ? best : null;
    }

    /** " (did you mean 'x'?)" or "". */
    public static String hint(String name, Collection<String> candidates) {
        String closest = closest(name, candidates);
        return closest == null ? "" : " (did you mean '" + closest + "'?)";
    }

    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
