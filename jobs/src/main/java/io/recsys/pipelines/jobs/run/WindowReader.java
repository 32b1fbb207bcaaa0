package io.recsys.pipelines.jobs.run;

import io.recsys.pipelines.common.time.DateWindow;
import io.recsys.pipelines.jobs.storage.PartitionedTable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Reads an artifact window from the table this run wrote (its own days) and from the stored table
 * (earlier days of a multi-day window). They are the same table in a normal run; a dry run writes
 * its days to a scratch table instead, so nothing an operator or the service sees changes.
 */
final class WindowReader {
    private final PartitionedTable runTable;
    private final PartitionedTable storedTable;
    private final DateWindow runDays;

    WindowReader(PartitionedTable runTable, PartitionedTable storedTable, DateWindow runDays) {
        this.runTable = runTable;
        this.storedTable = storedTable;
        this.runDays = runDays;
    }

    Dataset<Row> read(DateWindow window, PairFilter scope) {
        if (runTable.root().equals(storedTable.root()) || !window.start().isBefore(runDays.start())) {
            return runTable.readWindow(window, scope);
        }
        DateWindow earlier = new DateWindow(window.start(), runDays.start().minusDays(1));
        DateWindow own = new DateWindow(runDays.start(), window.end());
        return storedTable.readWindow(earlier, scope).unionByName(runTable.readWindow(own, scope));
    }
}
