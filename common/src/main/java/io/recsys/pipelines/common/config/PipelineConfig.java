package io.recsys.pipelines.common.config;

import io.recsys.pipelines.common.text.Secrets;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigValue;
import io.recsys.pipelines.common.artifact.ArtifactKind;
import io.recsys.pipelines.common.errors.PipelineException;

import java.util.List;
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
        Map<String, String> sparkSettings,
        ArtifactsConfig artifacts,
        ServiceConfig service,
        S3Config s3,
        DbConfig db,
        MetricsConfig metrics,
        TablesConfig tables) {

    /**
     * The Delta tables of the canonical store and the aggregates: the size files are aimed at when a run
     * writes them, and how long `table vacuum` keeps files that no current version uses (time travel).
     */
    public record TablesConfig(int targetFileMb, int vacuumRetainHours, int rejectsRetainDays) {
        public long targetFileBytes() {
            return targetFileMb * 1024L * 1024L;
        }
    }

    /**
     * DB-only mode (contract 10). {@code runWritesDb}: config key {@code mode} is "db", so `run` writes the
     * service's tables instead of publishing artifacts. {@code url} is a JDBC or postgres:// URL, as given.
     */
    public record DbConfig(boolean runWritesDb, String url, String user, String password,
                           java.time.Duration statementTimeout, int maxItemsPerDay, boolean autoCreateTenant) {
        static DbConfig of(String mode, String url, String user, String password, java.time.Duration statementTimeout,
                           int maxItemsPerDay, boolean autoCreateTenant) {
            if (!mode.equals("artifacts") && !mode.equals("db")) {
                throw PipelineException.usage("config key 'mode' must be artifacts or db, got '" + mode + "'");
            }
            return new DbConfig(mode.equals("db"), url.trim(), user.trim(), password, statementTimeout, maxItemsPerDay,
                    autoCreateTenant);
        }

        /** The password (and a URL that may embed one) never reaches logs, reports or error messages. */
        @Override
        public String toString() {
            return "DbConfig[runWritesDb=" + runWritesDb + ", url=***, user=" + user + ", password=***, statementTimeout="
                    + statementTimeout + ", maxItemsPerDay=" + maxItemsPerDay + ", autoCreateTenant=" + autoCreateTenant + "]";
        }
    }

    public record InputConfig(String exposures, String outcomes) {
        public boolean hasOutcomes() {
            return outcomes != null && !outcomes.isBlank();
        }
    }

    /**
     * {@code manifestTemplate}: "" means the registry's own {@code <registry>/current/{tenant}/{surface}/manifest.json}.
     * {@code singleWriter}: the operator vouches that one driver at a time writes the tables and the
     * registry, so an S3 server without conditional writes may be used (the run's probe is skipped).
     */
    public record StorageConfig(String canonical, String aggregates, String objectstore, String registry,
                                String reports, String manifestTemplate, boolean singleWriter) {
    }

    /**
     * Contract section 9. {@code maxIdBytes}: longest item, user, session or request id (UTF-8 bytes); longer
     * ones are bad lines. {@code maxUsersPerArtifact} is the Go tool's guard on implicit and session_seq.
     * {@code maxRejectRatio} is each (tenant, surface)'s own budget, {@code maxUnattributedRatio} the run's
     * for lines that name no valid pair; {@code maxPairsPerRun} bounds the pairs one run may touch.
     * {@code maxLineBytes}: longest raw line (bytes, terminator not counted); a longer one is rejected
     * ({@code line_too_long}) without ever being held whole.
     */
    public record Limits(int maxItemsPerArtifact, int maxNeighborsPerItem, int minCoocSupport,
                         int maxItemsPerSession, int maxItemsPerUser, double maxRejectRatio, int maxDaysBackfill,
                         int maxIdBytes, int maxUsersPerArtifact, double maxUnattributedRatio, int maxPairsPerRun,
                         int maxLineBytes) {
        /**
         * Bounds of {@code limits.max_line_bytes}: below 1 KiB a plain event would not fit; above 1 GiB a
         * line is more than a Spark row value and its JSON parse can hold.
         */
        public static final int MIN_LINE_BYTES = 1024;
        public static final int MAX_LINE_BYTES = 1 << 30;
    }

    public record PopularityWeights(long exposure, long click, long conversion) {
    }

    public record PublishGates(long maxArtifactBytes, int minItems, double maxDropRatio) {
    }

    /** The service's admin API, told to drop its caches after a pointer change. */
    public record ServiceConfig(boolean invalidateCache, String url, String token) {
        /** The token never reaches logs, reports or error messages. */
        @Override
        public String toString() {
            return "ServiceConfig[invalidateCache=" + invalidateCache + ", url=" + url + ", token=***]";
        }
    }

    /** Where a run leaves its Prometheus metrics: a textfile-collector file, and optionally a Pushgateway. */
    /**
     * Where the metrics go, and the volume gate: with {@code volumeGate}, a pair whose accepted events or
     * artifact items leave [median / r, median * r] of the trailing 7 days (r = {@code volumeMaxRatio})
     * is not published (exit 5).
     */
    public record MetricsConfig(String textfile, String pushgatewayUrl, boolean volumeGate, double volumeMaxRatio) {
        public MetricsConfig(String textfile, String pushgatewayUrl) {
            this(textfile, pushgatewayUrl, false, 3.0);
        }
    }

    /** Which kinds a run builds, and the catalog that content_sim needs. */
    public record ArtifactsConfig(List<ArtifactKind> kinds, String catalogPath, String catalogFormat) {
        public boolean hasCatalog() {
            return !catalogPath.isBlank();
        }
    }

    /**
     * The S3 connection for s3a:// locations, defaulting to the service's RECSYS_ARTIFACT_S3_* variables.
     * An empty endpoint means AWS; no keys means the default AWS credential chain.
     */
    public record S3Config(String endpoint, String accessKey, String secretKey, String region, boolean useSsl,
                           boolean pathStyle) {
        static S3Config of(String endpoint, String accessKey, String secretKey, String region, boolean useSsl,
                           String pathStyle) {
            if (accessKey.isBlank() != secretKey.isBlank()) {
                throw PipelineException.usage("config keys 's3.access_key' and 's3.secret_key' go together: set both "
                        + "(RECSYS_ARTIFACT_S3_ACCESS_KEY, RECSYS_ARTIFACT_S3_SECRET_KEY) or neither");
            }
            String style = pathStyle.trim().toLowerCase(java.util.Locale.ROOT);
            if (!style.equals("auto") && !style.equals("true") && !style.equals("false")) {
                throw PipelineException.usage("config key 's3.path_style' must be auto, true or false, got '" + pathStyle + "'");
            }
            // S3-compatible servers (MinIO) want path-style requests; AWS wants virtual-hosted ones.
            boolean path = style.equals("auto") ? !endpoint.isBlank() : Boolean.parseBoolean(style);
            return new S3Config(endpoint.trim(), accessKey.trim(), secretKey.trim(), region.trim(), useSsl, path);
        }

        public boolean hasKeys() {
            return !accessKey.isEmpty();
        }

        /** The keys never reach logs, reports or error messages. */
        @Override
        public String toString() {
            return "S3Config[endpoint=" + endpoint + ", accessKey=" + (hasKeys() ? "***" : "") + ", secretKey="
                    + (hasKeys() ? "***" : "") + ", region=" + region + ", useSsl=" + useSsl + ", pathStyle=" + pathStyle + "]";
        }
    }

    /** The secret values of this configuration (at least 6 characters: shorter ones would mask ordinary words), to cut out of free text. */
    public java.util.Collection<String> secretValues() {
        java.util.TreeSet<String> values = new java.util.TreeSet<>();
        Secrets.addValue(values, s3().secretKey());
        Secrets.addValue(values, s3().accessKey());
        Secrets.addValue(values, db().password());
        Secrets.addValue(values, service().token());
        Secrets.urlSecrets(db().url()).forEach(v -> Secrets.addValue(values, v));
        Secrets.urlSecrets(metrics().pushgatewayUrl()).forEach(v -> Secrets.addValue(values, v));
        Secrets.urlSecrets(service().url()).forEach(v -> Secrets.addValue(values, v));
        sparkSettings().forEach((key, value) -> {
            if (Secrets.isSecretKey(key)) {
                Secrets.addValue(values, value);
            }
        });
        return values;
    }

    /** The storage locations checked together: pointer template, reserved names, overlaps (usage error if bad). */
    public io.recsys.pipelines.common.config.StorageRoots storageRoots() {
        return io.recsys.pipelines.common.config.StorageRoots.of(this);
    }

    /** The identifier rule of this configuration: tenants, surfaces and id lengths, with the layout's reserved names. */
    public io.recsys.pipelines.common.storage.Identifiers identifiers() {
        return storageRoots().identifiers();
    }

    static PipelineConfig from(Config c) {
        ConfigReader r = new ConfigReader(c);
        InputConfig input = new InputConfig(r.nonBlankString("input.exposures"), r.string("input.outcomes"));
        StorageConfig storage = new StorageConfig(
                r.nonBlankString("storage.canonical"), r.nonBlankString("storage.aggregates"),
                r.nonBlankString("storage.objectstore"), r.nonBlankString("storage.registry"),
                r.nonBlankString("storage.reports"), r.string("storage.manifest_template").trim(),
                r.bool("storage.single_writer"));
        Limits limits = new Limits(
                r.intAtLeast("limits.max_items_per_artifact", 1),
                r.intAtLeast("limits.max_neighbors_per_item", 1),
                r.intAtLeast("limits.min_cooc_support", 1),
                r.intAtLeast("limits.max_items_per_session", 2),
                r.intAtLeast("limits.max_items_per_user", 1),
                r.ratio("limits.max_reject_ratio"),
                r.intAtLeast("limits.max_days_backfill", 1),
                r.intAtLeast("limits.max_id_bytes", 1),
                r.intAtLeast("limits.max_users_per_artifact", 1),
                r.ratio("limits.max_unattributed_ratio"),
                r.intAtLeast("limits.max_pairs_per_run", 1),
                r.intBetween("limits.max_line_bytes", Limits.MIN_LINE_BYTES, Limits.MAX_LINE_BYTES));
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
                sparkSettings(c), artifacts(r), new ServiceConfig(r.bool("service.invalidate_cache"),
                r.string("service.url"), r.string("service.token")),
                S3Config.of(r.string("s3.endpoint"), r.string("s3.access_key"), r.string("s3.secret_key"),
                        r.string("s3.region"), r.bool("s3.use_ssl"), r.string("s3.path_style")),
                DbConfig.of(r.string("mode").trim(), r.string("db.url"), r.string("db.user"), r.string("db.password"),
                        r.positiveDuration("db.statement_timeout"), r.intAtLeast("db.max_items_per_day", 1),
                        r.bool("db.auto_create_tenant")),
                new MetricsConfig(r.string("metrics.textfile").trim(), r.string("metrics.pushgateway_url").trim(),
                        r.bool("metrics.volume_gate"), volumeMaxRatio(r)),
                new TablesConfig(r.intBetween("tables.target_file_mb", 1, 4096), r.intAtLeast("tables.vacuum_retain_hours", 0),
                        r.intAtLeast("tables.rejects_retain_days", 1)));
    }

    private static double volumeMaxRatio(ConfigReader r) {
        String key = "metrics.volume_max_ratio";
        double ratio;
        try {
            ratio = r.c().getDouble(key);
        } catch (ConfigException e) {
            throw PipelineException.usage("config key '" + key + "' must be a number above 1: " + e.getMessage());
        }
        if (!(ratio > 1)) {
            throw PipelineException.usage("config key '" + key + "' must be a number above 1, got " + ratio);
        }
        return ratio;
    }

    private static ArtifactsConfig artifacts(ConfigReader r) {
        List<ArtifactKind> kinds = parseKinds(r.stringList("artifacts.kinds"), "artifacts.kinds");
        String catalogPath = r.string("catalog.path").trim();
        String format = r.string("catalog.format").trim().toLowerCase(java.util.Locale.ROOT);
        if (!format.isEmpty() && !format.equals("csv") && !format.equals("jsonl")) {
            throw PipelineException.usage("config key 'catalog.format' must be csv, jsonl or empty (inferred from the "
                    + "extension), got '" + format + "'");
        }
        if (kinds.contains(ArtifactKind.CONTENT_SIM) && catalogPath.isEmpty()) {
            throw PipelineException.usage("artifact kind content_sim needs a catalog: set catalog.path "
                    + "(CSV or JSONL with item_id, namespace, tags)");
        }
        return new ArtifactsConfig(kinds, catalogPath, format);
    }

    /** Kind ids as given on the command line or in config, validated, de-duplicated, in given order. */
    public static List<ArtifactKind> parseKinds(List<String> ids, String key) {
        java.util.LinkedHashSet<ArtifactKind> kinds = new java.util.LinkedHashSet<>();
        for (String id : ids) {
            try {
                kinds.add(ArtifactKind.fromId(id.trim()));
            } catch (IllegalArgumentException e) {
                throw PipelineException.usage("'" + key + "': " + e.getMessage());
            }
        }
        if (kinds.isEmpty()) {
            throw PipelineException.usage("'" + key + "' must name at least one artifact kind");
        }
        return List.copyOf(kinds);
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

        List<String> stringList(String key) {
            try {
                return c.getStringList(key);
            } catch (ConfigException e) {
                throw bad(key, "a list of strings", e);
            }
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
                requireWhole(key);
                value = c.getInt(key);
            } catch (ConfigException e) {
                throw bad(key, "an integer", e);
            }
            if (value < min) {
                throw PipelineException.usage("config key '" + key + "' must be >= " + min + ", got " + value);
            }
            return value;
        }

        int intBetween(String key, int min, int max) {
            int value = intAtLeast(key, min);
            if (value > max) {
                throw PipelineException.usage("config key '" + key + "' must be <= " + max + ", got " + value);
            }
            return value;
        }

        long longAtLeast(String key, long min) {
            long value;
            try {
                requireWhole(key);
                value = c.getLong(key);
            } catch (ConfigException e) {
                throw bad(key, "an integer", e);
            }
            if (value < min) {
                throw PipelineException.usage("config key '" + key + "' must be >= " + min + ", got " + value);
            }
            return value;
        }

        /** Typesafe Config would truncate 1.5 to 1 for an integer key: a count with a fraction is a mistake. */
        private void requireWhole(String key) {
            Number n = c.getNumber(key);
            if (n instanceof Double || n instanceof Float) {
                double d = n.doubleValue();
                if (d != Math.rint(d)) {
                    throw PipelineException.usage("config key '" + key + "' must be an integer, got " + n);
                }
            }
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

        java.time.Duration positiveDuration(String key) {
            java.time.Duration value;
            try {
                value = c.getDuration(key);
            } catch (ConfigException e) {
                throw bad(key, "a duration such as 60s or 5m", e);
            }
            if (value.isNegative() || value.isZero()) {
                throw PipelineException.usage("config key '" + key + "' must be > 0, got " + value);
            }
            return value;
        }

        private static PipelineException bad(String key, String expected, ConfigException e) {
            String got = e instanceof ConfigException.Missing ? "it is missing" : e.getMessage();
            return PipelineException.usage("config key '" + key + "' must be " + expected + ": " + got);
        }
    }
}
