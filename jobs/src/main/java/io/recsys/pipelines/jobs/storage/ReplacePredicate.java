package io.recsys.pipelines.jobs.storage;

import io.recsys.pipelines.common.pair.PairFilter;

import java.time.LocalDate;
import java.util.Collection;
import java.util.stream.Collectors;

/**
 * The SQL predicate of a {@code replaceWhere} commit: the given days, limited to the run's scope.
 * Delta takes it as SQL text, and tenant/surface values come from the data, so every value is a
 * quoted, escaped literal; never text spliced in as it came.
 */
public final class ReplacePredicate {
    private ReplacePredicate() {
    }

    public static String of(Collection<LocalDate> days, PairFilter scope) {
        if (days.isEmpty()) {
            throw new IllegalArgumentException("a replace covers at least one day");
        }
        StringBuilder sql = new StringBuilder("dt IN (")
                .append(days.stream().sorted().map(d -> "DATE" + literal(d.toString())).collect(Collectors.joining(", ")))
                .append(")");
        if (scope.tenant() != null) {
            sql.append(" AND tenant = ").append(literal(scope.tenant()));
        }
        if (scope.surface() != null) {
            sql.append(" AND surface = ").append(literal(scope.surface()));
        }
        return sql.toString();
    }

    /**
     * A Spark SQL string literal. With the default parser settings a backslash escapes the next
     * character inside quotes, so both the backslash and the quote are escaped.
     */
    public static String literal(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2).append('\'');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' || c == '\'') {
                out.append('\\');
            }
            out.append(c);
        }
        return out.append('\'').toString();
    }
}
