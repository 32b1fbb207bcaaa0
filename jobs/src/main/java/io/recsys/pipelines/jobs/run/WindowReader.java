package io.recsys.pipelines.jobs.run;

import io.recsys.pipelines.common.pair.PairFilter;
import io.recsys.pipelines.common.time.DateWindow;
import io.recsys.pipelines.jobs.storage.PartitionedTable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Reads an artifact window at pinned table versions: the days this run canonicalized from the table
 * it wrote them to, at the version it committed, and the other days from the stored table at the
 * version the run read, so an artifact traces to exact table versions (time travel) however many
 * runs commit meanwhile. The two tables are the same in a normal run; a dry run writes its days to
 * a scratch table, so nothing an operator or the service sees changes.
 */
final class WindowReader {
    private final PartitionedTable runTable;
    private final OptionalLong runVersion;
    private final PartitionedTable storedTable;
    private final OptionalLong storedVersion;
    private final Set<LocalDate> runDays;

    WindowReader(PartitionedTable runTable, OptionalLong runVersion, PartitionedTable storedTable,
                 OptionalLong storedVersion, Set<LocalDate> runDays) {
        this.runTable = runTable;
        this.runVersion = runVersion;
        this.storedTable = storedTable;
        this.storedVersion = storedVersion;
        this.runDays = runDays;
    }

    Dataset<Row> read(DateWindow window, PairFilter scope) {
        if (runTable.root().equals(storedTable.root())) {
            return runTable.readDays(window.days(), scope, runVersion);
        }
        List<LocalDate> own = new ArrayList<>();
        List<LocalDate> earlier = new ArrayList<>();
        for (LocalDate day : window.days()) {
            (runDays.contains(day) ? own : earlier).add(day);
        }
        return storedTable.readDays(earlier, scope, storedVersion).unionByName(runTable.readDays(own, scope, runVersion));
    }
}
