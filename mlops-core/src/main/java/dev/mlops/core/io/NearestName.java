package dev.mlops.core.io;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/**
 * The known name a misspelt one was most likely meant to be, for "did you mean …?" hints: the one at
 * the smallest Damerau-Levenshtein distance (case and the separators {@code . - _} ignored), within a
 * few edits; failing that, a known name that the given one starts with, or that starts with it, the
 * one nearest in length ({@code endpointsDirectory} → {@code endpoints}, {@code classif} → {@code classification}).
 */
public final class NearestName {

    private NearestName() {}

    /** The nearest of {@code known} to {@code given}, or empty when none is close; never {@code given} itself. */
    public static Optional<String> among(String given, Collection<String> known) {
        if (given == null || given.isBlank()) {
            return Optional.empty();
        }
        String wanted = normal(given);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        String nested = null;
        for (String name : known) {
            if (name.equals(given)) {
                continue;
            }
            String candidate = normal(name);
            int distance = distance(wanted, candidate);
            if (distance < bestDistance) {
                best = name;
                bestDistance = distance;
            }
            if (nests(wanted, candidate) && (nested == null || closer(candidate, normal(nested), wanted))) {
                nested = name;
            }
        }
        if (best != null && bestDistance <= allowedEdits(wanted)) {
            return Optional.of(best);
        }
        return Optional.ofNullable(nested);
    }

    // one starts with the other, and the shorter is at least half of the longer: more is a guess
    private static boolean nests(String wanted, String candidate) {
        boolean nested = wanted.startsWith(candidate) || candidate.startsWith(wanted);
        return nested && 2 * Math.min(wanted.length(), candidate.length()) >= Math.max(wanted.length(), candidate.length());
    }

    // the candidate whose length is nearer the given name's
    private static boolean closer(String candidate, String current, String wanted) {
        return Math.abs(candidate.length() - wanted.length()) < Math.abs(current.length() - wanted.length());
    }

    /** One edit in a short word, up to three in a long one: more and the suggestion is a guess. */
    static int allowedEdits(String normalised) {
        return normalised.length() <= 4 ? 1 : normalised.length() <= 8 ? 2 : 3;
    }

    private static String normal(String name) {
        return name.toLowerCase(Locale.ROOT).replaceAll("[._-]", "");
    }

    /** Edits (insert, delete, substitute, swap two neighbours) from {@code a} to {@code b}: optimal string alignment. */
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

    /** {@code " Did you mean 'x'?"}, or nothing: to append to a message that names an unknown value. */
    public static String hint(String given, Collection<String> known) {
        return among(given, known).map(name -> " Did you mean '" + name + "'?").orElse("");
    }
}
