package io.recsys.pipelines.jobs.cli;

import io.recsys.pipelines.common.artifact.ArtifactKind;
import io.recsys.pipelines.jobs.run.ArtifactPublishing;

import java.util.Locale;

/** The words a run and a dry run print for what happened to a pair: one place, so they cannot drift apart. */
final class OutcomeText {
    private OutcomeText() {
    }

    static String word(ArtifactPublishing.Status status) {
        return switch (status.name()) {
            case "PUBLISHED" -> "published";
            case "UNCHANGED" -> "unchanged, already live";
            case "RECORDED" -> "recorded";
            // The pointer names another day's versions: no path here, which would read as "these are live".
            case "NEWER_LIVE" -> "recorded, not live (a later day is live; --force publishes this one)";
            default -> status.name().toLowerCase(Locale.ROOT).replace('_', ' ');
        };
    }

    /** "4 items", "87 anchors with neighbours": counts say what they count. */
    static String count(ArtifactKind kind, long n) {
        return n + " " + kind.countLabel();
    }

    /** {@link #count(ArtifactKind, long)} of a kind read from a record: plain "items" for a kind this release does not know. */
    static String count(String kind, long n) {
        return ArtifactKind.find(kind).map(k -> count(k, n)).orElse(n + " items");
    }
}
