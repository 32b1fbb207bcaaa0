package io.recsys.pipelines.jobs.input;

import io.recsys.pipelines.common.errors.PipelineException;
import io.recsys.pipelines.common.storage.Locations;
import io.recsys.pipelines.common.storage.StorageFailures;
import io.recsys.pipelines.common.time.DateWindow;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Expands an input location (file, folder or glob, with an optional {@code {date}} placeholder)
 * into files. A missing export must never look like "zero events": for a {@code {date}} path every
 * day of the window needs at least one file (its neighbours are optional, they only hold events
 * near midnight); a path without {@code {date}} must match at least one file.
 */
public final class InputResolver {
    public static final String DATE_PLACEHOLDER = "{date}";
    private final Configuration hadoopConf;

    public InputResolver(Configuration hadoopConf) {
        this.hadoopConf = hadoopConf;
    }

    public ResolvedInput resolve(String stream, String pattern, DateWindow window) {
        return resolve(stream, pattern, window.days());
    }

    /** As for a window, for a set of days that need not be consecutive (a window's days missing from the store). */
    public ResolvedInput resolve(String stream, String pattern, Collection<LocalDate> days) {
        Map<String, Long> files = new LinkedHashMap<>();
        if (pattern.contains(DATE_PLACEHOLDER)) {
            List<LocalDate> missing = new ArrayList<>();
            TreeSet<LocalDate> withNeighbours = new TreeSet<>();
            days.forEach(d -> withNeighbours.addAll(List.of(d.minusDays(1), d, d.plusDays(1))));
            for (LocalDate day : withNeighbours) {
                int before = files.size();
                expand(pattern.replace(DATE_PLACEHOLDER, day.toString()), files);
                if (files.size() == before && days.contains(day)) {
                    missing.add(day);
                }
            }
            if (!missing.isEmpty()) {
                throw PipelineException.inputRejected("no " + stream + " input for day(s) " + missing + ": '"
                        + pattern + "' matches no file for them. A missing upstream export must not publish empty"
                        + " artifacts; check the export, or the input." + stream + " setting.");
            }
        } else {
            expand(pattern, files);
            if (files.isEmpty()) {
                throw PipelineException.inputRejected("no " + stream + " input: '" + pattern
                        + "' matches no file. Check the path, or the input." + stream + " setting.");
            }
        }
        return new ResolvedInput(stream, pattern, files);
    }

    /**
     * Whether the input has its own file(s) for {@code day}: always true for a path without {@code {date}},
     * whose files hold any day (the events then tell).
     */
    public boolean hasFilesFor(String pattern, LocalDate day) {
        if (!pattern.contains(DATE_PLACEHOLDER)) {
            return true;
        }
        Map<String, Long> files = new LinkedHashMap<>();
        expand(pattern.replace(DATE_PLACEHOLDER, day.toString()), files);
        return !files.isEmpty();
    }

    private void expand(String location, Map<String, Long> files) {
        Path path = Locations.resolve(location);
        try {
            FileSystem fs = path.getFileSystem(hadoopConf);
            FileStatus[] matches = fs.globStatus(path);
            if (matches == null) {
                return;
            }
            for (FileStatus match : matches) {
                if (match.isDirectory()) {
                    for (FileStatus child : fs.listStatus(match.getPath())) {
                        if (child.isFile() && isDataFile(child.getPath().getName())) {
                            files.put(child.getPath().toString(), child.getLen());
                        }
                    }
                } else if (isDataFile(match.getPath().getName())) {
                    files.put(match.getPath().toString(), match.getLen());
                }
            }
        } catch (IOException e) {
            throw StorageFailures.of("list input", path, hadoopConf, e);
        }
    }

    /** Hidden and marker files (_SUCCESS, .crc) are never events. */
    private static boolean isDataFile(String name) {
        return !name.startsWith(".") && !name.startsWith("_");
    }
}
