package io.recsys.pipelines.common.config;

import io.recsys.pipelines.common.storage.Identifiers;
import io.recsys.pipelines.common.storage.PointerTemplate;
import io.recsys.pipelines.common.storage.Locations;
import io.recsys.pipelines.common.storage.Location;
import io.recsys.pipelines.common.config.PipelineConfig;
import io.recsys.pipelines.common.errors.PipelineException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The configured storage locations seen together, checked once at start: where the live pointers
 * go (the manifest template), which names tenants and surfaces may not take, and whether the
 * layout can keep the roots apart.
 *
 * <p>Tenant folders sit directly under the object-store root ({@code <root>/<tenant>/<surface>/...})
 * and, with a template such as {@code s3://b/{tenant}/...}, under the template's folder. Any other
 * location below such a folder takes its first path segment away from the tenants (the MinIO layout
 * puts {@code canonical/}, {@code registry/}, {@code raw/} ... next to the blobs: none of these can
 * be a tenant). What the layout cannot keep apart is refused (exit 2): two roots at the same place,
 * anything inside the canonical or aggregates tables (their partitions are replaced wholesale), a
 * root inside one of the registry's own folders, and a pointer template whose folder is a root.
 */
public final class StorageRoots {
    public static final String TEMPLATE_KEY = "storage.manifest_template";
    private static final List<String> REGISTRY_FOLDERS =
            List.of("current", "history", "records", "rejected", "checkpoints", "locks");

    private final Map<String, Loc> roots;
    private final PointerTemplate template;
    private final Identifiers identifiers;

    private StorageRoots(Map<String, Loc> roots, PointerTemplate template, Identifiers identifiers) {
        this.roots = roots;
        this.template = template;
        this.identifiers = identifiers;
    }

    /** Checks the configuration; throws a usage error (exit 2) naming the keys at fault. */
    public static StorageRoots of(PipelineConfig config) {
        PipelineConfig.StorageConfig s = config.storage();
        Map<String, Loc> roots = new LinkedHashMap<>();
        roots.put("storage.canonical", Loc.of(Location.of(s.canonical())));
        roots.put("storage.aggregates", Loc.of(Location.of(s.aggregates())));
        roots.put("storage.objectstore", Loc.of(Location.of(s.objectstore())));
        roots.put("storage.registry", Loc.of(Location.of(s.registry())));
        roots.put("storage.reports", Loc.of(Location.of(s.reports())));
        Loc registry = roots.get("storage.registry");
        PointerTemplate template = template(s.manifestTemplate(), registry);

        checkDistinct(roots);
        checkTables(roots);
        checkRegistryFolders(roots, registry);
        checkTemplate(template, roots);

        // Locations that are not roots still must not share a folder with a tenant's (raw input, catalog, metrics).
        Map<String, Loc> all = new LinkedHashMap<>(roots);
        literalPrefix(config.input().exposures()).ifPresent(l -> all.put("input.exposures", l));
        literalPrefix(config.input().outcomes()).ifPresent(l -> all.put("input.outcomes", l));
        literalPrefix(config.artifacts().catalogPath()).ifPresent(l -> all.put("catalog.path", l));
        literalPrefix(config.metrics().textfile()).ifPresent(l -> all.put("metrics.textfile", l));
        all.put(TEMPLATE_KEY, Loc.of(template.base()));

        List<Loc> tenantParents = new ArrayList<>(List.of(roots.get("storage.objectstore"), Loc.of(template.base())));
        Set<String> reserved = new TreeSet<>();
        for (Loc parent : tenantParents) {
            for (Loc other : all.values()) {
                other.firstSegmentUnder(parent).filter(seg -> !seg.contains("{")).ifPresent(reserved::add);
            }
        }
        return new StorageRoots(roots, template, new Identifiers(reserved, config.limits().maxIdBytes()));
    }

    public PointerTemplate pointerTemplate() {
        return template;
    }

    /** The identifier rule with this layout's reserved names. */
    public Identifiers identifiers() {
        return identifiers;
    }

    private static PointerTemplate template(String configured, Loc registry) {
        if (configured == null || configured.isBlank()) {
            return PointerTemplate.standard(registry.path());
        }
        PointerTemplate template = PointerTemplate.parse(TEMPLATE_KEY, configured);
        Optional<Location> standardRoot = template.standardRoot();
        boolean agrees = standardRoot.isPresent() ? Loc.of(standardRoot.get()).sameAs(registry)
                : Loc.of(template.base()).sameStore(registry);
        if (!agrees) {
            throw PipelineException.usage("the manifest template and the registry disagree: " + TEMPLATE_KEY
                    + " (or RECSYS_ARTIFACT_MANIFEST_TEMPLATE) is '" + template + "' but storage.registry is '"
                    + registry.path().serviceUri() + "', whose pointers are at "
                    + PointerTemplate.standard(registry.path()) + ". The service would read pointers this run does not "
                    + "write. Make them agree: set storage.registry to the template's registry (the part before "
                    + "/current/), or change the template; a template of another shape must be on the registry's store");
        }
        return template;
    }

    private static void checkDistinct(Map<String, Loc> roots) {
        List<String> keys = new ArrayList<>(roots.keySet());
        for (int i = 0; i < keys.size(); i++) {
            for (int j = i + 1; j < keys.size(); j++) {
                if (roots.get(keys.get(i)).sameAs(roots.get(keys.get(j)))) {
                    throw overlap(keys.get(i) + " and " + keys.get(j) + " are the same location ("
                            + roots.get(keys.get(i)) + "); give each its own folder");
                }
            }
        }
    }

    /** Spark replaces partitions of these tables: nothing else may live inside them. */
    private static void checkTables(Map<String, Loc> roots) {
        for (String table : List.of("storage.canonical", "storage.aggregates")) {
            roots.forEach((key, loc) -> {
                if (!key.equals(table) && loc.firstSegmentUnder(roots.get(table)).isPresent()) {
                    throw overlap(key + " (" + loc + ") lies inside " + table + " (" + roots.get(table)
                            + "), whose partitions the pipeline replaces");
                }
            });
        }
    }

    private static void checkRegistryFolders(Map<String, Loc> roots, Loc registry) {
        roots.forEach((key, loc) -> loc.firstSegmentUnder(registry).ifPresent(seg -> {
            if (REGISTRY_FOLDERS.contains(seg.toLowerCase(Locale.ROOT))) {
                throw overlap(key + " (" + loc + ") lies inside the registry's own folder " + seg + "/ ("
                        + registry + "); move it elsewhere");
            }
        }));
    }

    private static void checkTemplate(PointerTemplate template, Map<String, Loc> roots) {
        Loc base = Loc.of(template.base());
        roots.forEach((key, loc) -> {
            if (base.sameAs(loc)) {
                throw overlap(TEMPLATE_KEY + " '" + template + "' puts pointers directly in " + key + " (" + loc
                        + "), among its own files; give the pointers a folder of their own");
            }
        });
        for (String table : List.of("storage.canonical", "storage.aggregates")) {
            if (base.firstSegmentUnder(roots.get(table)).isPresent()) {
                throw overlap(TEMPLATE_KEY + " '" + template + "' lies inside " + table + " (" + roots.get(table) + ")");
            }
        }
        Loc registry = roots.get("storage.registry");
        base.firstSegmentUnder(registry).ifPresent(seg -> {
            boolean standard = template.standardRoot().isPresent() && seg.equals("current");
            if (!standard && REGISTRY_FOLDERS.contains(seg.toLowerCase(Locale.ROOT))) {
                throw overlap(TEMPLATE_KEY + " '" + template + "' lies inside the registry's own folder " + seg + "/");
            }
        });
    }

    private static PipelineException overlap(String what) {
        return PipelineException.usage("storage locations overlap in a way the layout cannot keep apart: " + what);
    }

    /** The folder part of a location with {@code {date}} or glob characters: what precedes the first such segment. */
    private static Optional<Loc> literalPrefix(String location) {
        if (location == null || location.isBlank()) {
            return Optional.empty();
        }
        String text = location.trim();
        int cut = text.length();
        for (String special : List.of("{", "*", "?", "[")) {
            int at = text.indexOf(special);
            if (at >= 0) {
                cut = Math.min(cut, at);
            }
        }
        String prefix = text.substring(0, cut);
        int slash = prefix.lastIndexOf('/');
        if (cut < text.length()) {
            prefix = slash < 0 ? "" : prefix.substring(0, slash);
        }
        if (prefix.isBlank() || prefix.endsWith(":") || prefix.endsWith(":/")) {
            return Optional.empty();
        }
        try {
            return Optional.of(Loc.of(Location.of(prefix)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** A location as scheme (s3, s3a and s3n are one), bucket and path segments, for comparisons. */
    record Loc(Location path, String scheme, String authority, List<String> segments) {
        static Loc of(Location path) {
            String scheme = path.isS3() ? "s3a" : path.scheme();
            List<String> segments = new ArrayList<>();
            for (String s : path.path().split("/")) {
                if (!s.isEmpty()) {
                    segments.add(s);
                }
            }
            return new Loc(path, scheme, path.authority(), segments);
        }

        boolean sameStore(Loc other) {
            return scheme.equals(other.scheme) && authority.equals(other.authority);
        }

        boolean sameAs(Loc other) {
            return sameStore(other) && segments.equals(other.segments);
        }

        /** The first segment of this location below {@code parent}, if it lies strictly inside it. */
        Optional<String> firstSegmentUnder(Loc parent) {
            if (!sameStore(parent) || segments.size() <= parent.segments.size()
                    || !segments.subList(0, parent.segments.size()).equals(parent.segments)) {
                return Optional.empty();
            }
            return Optional.of(segments.get(parent.segments.size()));
        }

        @Override
        public String toString() {
            return path.serviceUri();
        }
    }
}
