package io.recsys.pipelines.common.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigResolveOptions;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;
import com.typesafe.config.ConfigValueType;
import io.recsys.pipelines.common.errors.PipelineException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Loads the layered configuration: bundled defaults (a copy of conf/application.conf), then an
 * optional file, then {@code --set key=value} overrides. Keys that the defaults do not know fail
 * here, naming the key and where it came from, so a typo never silently falls back to a default.
 */
public final class ConfigLoader {
    static final String DEFAULTS_RESOURCE = "recsys/application.conf";
    /**
     * Sections whose keys are passed through as they are, so they cannot be checked. {@code vars} holds
     * a config file's own values for substitutions (conf/minio.conf's bucket); the pipeline never reads it.
     */
    private static final List<String> FREE_FORM_SECTIONS = List.of("spark", "vars");

    private ConfigLoader() {
    }

    public static PipelineConfig load(Path configFile, List<String> overrides) {
        PipelineConfig config = PipelineConfig.from(loadRaw(configFile, overrides));
        // Storage roots that the layout cannot keep apart, or a manifest template that disagrees with the
        // registry, stop every command here (exit 2), before anything is read or written.
        config.storageRoots();
        return config;
    }

    public static Config loadRaw(Path configFile, List<String> overrides) {
        // Resolved at once: defaults taken from the environment (s3.*) are then plain values that the
        // key checks can inspect, and that a file or --set overrides.
        Config defaults = ConfigFactory.parseResources(ConfigLoader.class.getClassLoader(), DEFAULTS_RESOURCE,
                ConfigParseOptions.defaults().setAllowMissing(false)).resolve();
        Config merged = defaults;
        Config file = ConfigFactory.empty();
        if (configFile != null) {
            file = parseFile(configFile);
            rejectUnknownKeys(file, defaults, "config file " + configFile);
            merged = file.withFallback(merged);
        }
        List<String> given = overrides == null ? List.of() : overrides;
        Config sets = parseOverrides(given, defaults);
        rejectUnknownKeys(sets, defaults, "--set");
        rejectNestedKeys(given.stream().map(o -> o.substring(0, o.indexOf('=')).trim()).toList(), file);
        merged = sets.withFallback(merged);
        try {
            return merged.resolve(ConfigResolveOptions.defaults().setAllowUnresolved(false));
        } catch (ConfigException e) {
            throw PipelineException.usage("configuration error: " + e.getMessage());
        }
    }

    private static Config parseFile(Path file) {
        if (!Files.isRegularFile(file)) {
            throw PipelineException.usage("config file not found: " + file.toAbsolutePath());
        }
        try {
            return ConfigFactory.parseFile(file.toFile(), ConfigParseOptions.defaults().setAllowMissing(false));
        } catch (ConfigException e) {
            throw PipelineException.usage("cannot parse config file " + file + ": " + e.getMessage());
        }
    }

    /**
     * A key cannot hold a value and keys under it at once (HOCON): of {@code --set a.b=1} and
     * {@code --set a.b.c=2}, or of a file's {@code a.b.c} and {@code --set a.b}, the later would
     * silently replace the other. Hadoop has such pairs (fs.s3a.assumed.role.sts.endpoint and
     * ...endpoint.region), so they are refused with where to put them instead.
     */
    private static void rejectNestedKeys(List<String> setKeys, Config file) {
        List<String> all = new java.util.ArrayList<>(setKeys);
        file.entrySet().forEach(e -> all.add(e.getKey()));
        for (String key : setKeys) {
            for (String other : all) {
                if (other.startsWith(key + ".") || key.startsWith(other + ".")) {
                    String shorter = key.length() < other.length() ? key : other;
                    String longer = key.length() < other.length() ? other : key;
                    throw PipelineException.usage("config keys " + shorter + " and " + longer + " cannot both be set "
                            + "here: one is a prefix of the other, and the later would replace the former. Set such "
                            + "Hadoop pairs in core-site.xml (HADOOP_CONF_DIR).");
                }
            }
        }
    }

    /**
     * Values of --set are taken as plain strings (paths contain characters such as '{' that
     * HOCON would read as syntax); Typesafe converts them to numbers and booleans on read.
     * Keys whose default is a list accept "a,b,c" or a HOCON list "[a, b]".
     */
    static Config parseOverrides(List<String> overrides, Config defaults) {
        Config result = ConfigFactory.empty();
        for (String override : overrides) {
            int eq = override.indexOf('=');
            int colon = override.indexOf(':');
            if (eq <= 0 || (colon >= 0 && colon < eq)) {
                throw malformed(override);
            }
            String key = override.substring(0, eq).trim();
            String value = override.substring(eq + 1);
            if (value.equals("\"\"") || value.equals("''")) {
                value = "";
            }
            ConfigValue configValue;
            try {
                configValue = toValue(key, value, defaults);
            } catch (ConfigException e) {
                throw PipelineException.usage("bad value for config key '" + key + "': " + e.getMessage());
            }
            try {
                result = result.withValue(key, configValue);
            } catch (ConfigException e) {
                throw PipelineException.usage("bad config key '" + key + "' in --set: " + e.getMessage());
            }
        }
        return result;
    }

    /**
     * Only the part before the first ':' or '=' is echoed: what follows may be a secret typed with the
     * wrong separator ({@code --set s3.secret_key:...}), and this message reaches logs and terminals.
     */
    private static PipelineException malformed(String override) {
        int cut = 0;
        while (cut < override.length() && override.charAt(cut) != ':' && override.charAt(cut) != '=') {
            cut++;
        }
        String shown = override.substring(0, cut);
        String withheld = cut < override.length()
                ? " (what follows its '" + override.charAt(cut) + "' is withheld: it may be a secret)" : "";
        return PipelineException.usage("--set expects key=value, got '" + shown + "'" + withheld
                + (shown.isBlank() ? "" : "; write --set " + shown.trim() + "=VALUE"));
    }

    private static ConfigValue toValue(String key, String value, Config defaults) {
        boolean listKey = defaults.hasPathOrNull(key) && defaults.getValue(key).valueType() == ConfigValueType.LIST;
        if (!listKey) {
            return ConfigValueFactory.fromAnyRef(value, "--set " + key);
        }
        if (value.trim().startsWith("[")) {
            return ConfigFactory.parseString("x = " + value).getValue("x");
        }
        List<String> items = new ArrayList<>();
        for (String item : value.split(",")) {
            if (!item.isBlank()) {
                items.add(item.trim());
            }
        }
        return ConfigValueFactory.fromIterable(items, "--set " + key);
    }

    static void rejectUnknownKeys(Config layer, Config defaults, String origin) {
        TreeSet<String> unknown = new TreeSet<>();
        for (Map.Entry<String, ConfigValue> entry : layer.entrySet()) {
            String key = entry.getKey();
            if (isFreeForm(key)) {
                continue;
            }
            if (!defaults.hasPathOrNull(key)) {
                unknown.add(key);
            }
        }
        if (!unknown.isEmpty()) {
            throw PipelineException.usage("unknown config key" + (unknown.size() > 1 ? "s " : " ")
                    + String.join(", ", unknown) + " (from " + origin + "); see conf/application.conf for the known keys");
        }
    }

    private static boolean isFreeForm(String key) {
        for (String section : FREE_FORM_SECTIONS) {
            if (key.startsWith(section + ".")) {
                return true;
            }
        }
        return false;
    }
}
