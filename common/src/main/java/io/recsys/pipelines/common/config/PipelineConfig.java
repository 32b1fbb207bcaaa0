package io.recsys.pipelines.common.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigValue;
import io.recsys.pipelines.common.errors.PipelineException;

import java.util.Map;
import java.util.TreeMap;

/** The typed, validated configuration of one run; loaded once by {@link ConfigLoader}. */
public record PipelineConfig(
        InputConfig input,
        StorageConfig storage,
        Limits limits,
        boolean dedupe,
        PopularityWeights popularityWeights,
        PublishGates publishGates,
        Map<String, String> sparkSettings) {

    public record InputConfig(String exposures, String outcomes) {
        public boolean hasOutcomes() {
            return outcomes != null && !outcomes.isBlank();
        }
    }

    public record StorageConfig(String canonical, String aggregates, String objectstore, String registry,
                                String reports) {
    }

    public record Limits(int maxItemsPerArtifact, int maxNeighborsPerItem, int minCoocSupport,
                         int maxItemsPerSession, int maxItemsPerUser, double maxRejectRatio, int maxDaysBackfill) {
    }

    public record PopularityWeights(long exposure, long click, long conversion) {
    }

    public record PublishGates(long maxArtifactBytes, int minItems, double maxDropRatio) {
    }

    static PipelineConfig from(Config c) {
        ConfigReader r = new ConfigReader(c);
        InputConfig input = new InputConfig(r.nonBlankString("input.exposures"), r.string("input.outcomes"));
        StorageConfig storage = new StorageConfig(
                r.nonBlankString("storage.canonical"), r.nonBlankString("storage.aggregates"),
                r.nonBlankString("storage.objectstore"), r.nonBlankString("storage.registry"),
                r.nonBlankString("storage.reports"));
        Limits limits = new Limits(
                r.intAtLeast("limits.max_items_per_artifact", 1),
                r.intAtLeast("limits.max_neighbors_per_item", 1),
                r.intAtLeast("limits.min_cooc_support", 1),
                r.intAtLeast("limits.max_items_per_session", 2),
                r.intAtLeast("limits.max_items_per_user", 1),
                r.ratio("limits.max_reject_ratio"),
                r.intAtLeast("limits.max_days_backfill", 1));
        PopularityWeights weights = new PopularityWeights(
                r.longAtLeast("popularity.weights.exposure", 0),
                r.longAtLeast("popularity.weights.click", 0),
                r.longAtLeast("popularity.weights.conversion", 0));
        if (weights.exposure() + weights.click() + weights.conversion() == 0) {
            throw PipelineException.usage("config key 'popularity.weights': at least one weight must be > 0");
        }
        PublishGates gates = new PublishGates(
                r.longAtLeast("publish.max_artifact_bytes", 1),
                r.intAtLeast("publish.min_items", 0),
                r.ratio("publish.max_drop_ratio"));
        return new PipelineConfig(input, storage, limits, r.bool("canonicalize.dedupe"), weights, gates,
                sparkSettings(c));
    }

    private static Map<String, String> sparkSettings(Config c) {
        Map<String, String> settings = new TreeMap<>();
        if (!c.hasPath("spark")) {
            return settings;
        }
        for (Map.Entry<String, ConfigValue> e : c.getConfig("spark").entrySet()) {
            settings.put("spark." + e.getKey(), String.valueOf(e.getValue().unwrapped()));
        }
        return settings;
    }

    /** Reads one key at a time and turns Typesafe's errors into messages that name the key. */
    private record ConfigReader(Config c) {
        String string(String key) {
            try {
                return c.getString(key);
            } catch (ConfigException e) {
                throw bad(key, "a string", e);
            }
        }

        String nonBlankString(String key) {
            String value = string(key);
            if (value.isBlank()) {
                throw PipelineException.usage("config key '" + key + "' must not be empty");
            }
            return value;
        }

        boolean bool(String key) {
            try {
                return c.getBoolean(key);
            } catch (ConfigException e) {
                throw bad(key, "true or false", e);
            }
        }

        int intAtLeast(String key, int min) {
            int value;
            try {
                value = c.getInt(key);
            } catch (ConfigException e) {
                throw bad(key, "an integer", e);
            }
            if (value < min) {
                throw PipelineException.usage("config key '" + key + "' must be >= " + min + ", got " + value);
            }
            return value;
        }

        long longAtLeast(String key, long min) {
            long value;
            try {
                value = c.getLong(key);
            } catch (ConfigException e) {
                throw bad(key, "an integer", e);
            }
            if (value < min) {
                throw PipelineException.usage("config key '" + key + "' must be >= " + min + ", got " + value);
            }
            return value;
        }

        double ratio(String key) {
            double value;
            try {
                value = c.getDouble(key);
            } catch (ConfigException e) {
                throw bad(key, "a number between 0 and 1", e);
            }
            if (!(value >= 0.0 && value <= 1.0)) {
                throw PipelineException.usage("config key '" + key + "' must be between 0 and 1, got " + value);
            }
            return value;
        }

        private static PipelineException bad(String key, String expected, ConfigException e) {
            String got = e instanceof ConfigException.Missing ? "it is missing" : e.getMessage();
            return PipelineException.usage("config key '" + key + "' must be " + expected + ": " + got);
        }
    }
}
