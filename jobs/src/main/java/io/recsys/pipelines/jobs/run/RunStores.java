package io.recsys.pipelines.jobs.run;

import io.recsys.pipelines.jobs.aggregate.AggregateStage;
import io.recsys.pipelines.jobs.canonicalize.CanonicalStore;

/**
 * The tables a run reads and writes. {@code stored*} are the operator's store; a normal run writes
 * its days there too ({@code canonical == storedCanonical}), a dry run writes them to scratch
 * tables and only reads the store.
 */
public record RunStores(CanonicalStore storedCanonical, CanonicalStore canonical, AggregateStage storedAggregates,
                        AggregateStage aggregates) {
    public static RunStores of(CanonicalStore canonical, AggregateStage aggregates) {
        return new RunStores(canonical, canonical, aggregates, aggregates);
    }

    public boolean writesToStore() {
        return canonical.root().equals(storedCanonical.root());
    }
}
