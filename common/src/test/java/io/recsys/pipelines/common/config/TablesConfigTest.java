package io.recsys.pipelines.common.config;

import io.recsys.pipelines.common.errors.ExitCode;
import io.recsys.pipelines.common.errors.PipelineException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Delta tables' keys: documented defaults, overridable, strictly validated. */
class TablesConfigTest {
    @Test
    void defaultsAimAt256MbFilesAndKeepAWeekOfVersions() {
        PipelineConfig.TablesConfig t = ConfigLoader.load(null, List.of()).tables();
        assertEquals(256, t.targetFileMb());
        assertEquals(256L * 1024 * 1024, t.targetFileBytes());
        assertEquals(168, t.vacuumRetainHours());
        assertEquals(30, t.rejectsRetainDays());
        assertEquals(new PipelineConfig.TablesConfig(64, 0, 7), ConfigLoader.load(null,
                List.of("tables.target_file_mb=64", "tables.vacuum_retain_hours=0", "tables.rejects_retain_days=7"))
                .tables());
    }

    @Test
    void badValuesAndUnknownKeysNameTheKey() {
        for (String bad : List.of("tables.target_file_mb=0", "tables.target_file_mb=5000", "tables.target_file_mb=big",
                "tables.vacuum_retain_hours=-1", "tables.retain_hours=5", "tables.rejects_retain_days=0")) {
            PipelineException e = assertThrows(PipelineException.class, () -> ConfigLoader.load(null, List.of(bad)), bad);
            assertEquals(ExitCode.USAGE, e.exitCode());
            assertTrue(e.getMessage().contains(bad.substring(0, bad.indexOf('='))), e.getMessage());
        }
    }
}
