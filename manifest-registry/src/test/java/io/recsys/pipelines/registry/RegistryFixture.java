package io.recsys.pipelines.registry;

import io.recsys.pipelines.common.artifact.Artifact;
import io.recsys.pipelines.common.artifact.ArtifactHeader;
import io.recsys.pipelines.common.artifact.ArtifactKind;
import io.recsys.pipelines.common.artifact.ArtifactWindow;
import io.recsys.pipelines.common.artifact.ItemCount;
import io.recsys.pipelines.common.artifact.PopularityPayload;
import io.recsys.pipelines.common.errors.PipelineException;
import io.recsys.pipelines.common.storage.Location;
import io.recsys.pipelines.common.storage.LocalObjectStore;
import io.recsys.pipelines.common.storage.ObjectStore;
import io.recsys.pipelines.registry.cli.ManifestCommand;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A registry and an object store in a temporary folder, real files only, with a clock the test
 * moves. Artifacts are written with common's encoder, as a run writes them.
 */
public final class RegistryFixture {
    public static final String TENANT = "demo";
    public static final String SURFACE = "home";
    private static final ArtifactWindow DAY = ArtifactWindow.ofDays(LocalDate.of(2026, 1, 1), 1);

    private final Path dir;
    /** Starts at the real time, because gc compares it with the files' real modification times. */
    private final TestClock clock = new TestClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    private final AtomicInteger runs = new AtomicInteger();
    private ObjectStore store = new LocalObjectStore();
    private CacheInvalidator invalidator = CacheInvalidator.NONE;

    public RegistryFixture(Path dir) {
        this.dir = dir;
    }

    public TestClock clock() {
        return clock;
    }

    public Path registryDir() {
        return dir.resolve("registry");
    }

    public Path objectDir() {
        return dir.resolve("objectstore");
    }

    /** Later registries and publishers use this store (e.g. one that fails like a flaky network). */
    public RegistryFixture withStore(ObjectStore store) {
        this.store = store;
        return this;
    }

    public RegistryFixture withInvalidator(CacheInvalidator invalidator) {
        this.invalidator = invalidator;
        return this;
    }

    public Registry registry() {
        return new Registry(store, Location.of(registryDir().toString()), clock::instant, invalidator);
    }

    public PairPublisher publisher(Registry registry, PublishGates gates) {
        return new PairPublisher(store, Location.of(objectDir().toString()), registry, gates);
    }

    public static PublishGates gates(boolean force) {
        return new PublishGates(10_000_000, 1, 0.5, force);
    }

    /** Popularity of {@link #TENANT}/{@link #SURFACE} from "item=count" pairs, in the order given. */
    public static Artifact popularity(String... itemCounts) {
        return popularityOf(TENANT, SURFACE, itemCounts);
    }

    public static Artifact popularityOf(String tenant, String surface, String... itemCounts) {
        List<ItemCount> items = Arrays.stream(itemCounts).map(s -> s.split("="))
                .map(p -> new ItemCount(p[0], Long.parseLong(p[1]))).toList();
        return new Artifact(new ArtifactHeader(ArtifactKind.POPULARITY, tenant, surface, "", DAY),
                new PopularityPayload(items));
    }

    public RunInfo run() {
        return new RunInfo("run-" + runs.incrementAndGet(), clock.instant(), "tester@ci", "test publish", Map.of());
    }

    public PairPublisher.Result publish(Artifact artifact) {
        return publish(artifact, false);
    }

    public PairPublisher.Result publish(Artifact artifact, boolean force) {
        Registry registry = registry();
        return publisher(registry, gates(force)).publish(artifact.header().tenant(), artifact.header().surface(),
                List.of(artifact), run());
    }

    public String uriOf(PairPublisher.Result result) {
        return result.artifacts().get(0).ref().uri();
    }

    public Path blobFile(PairPublisher.Result result) {
        return Path.of(Location.fromServiceUri(uriOf(result)).toUri());
    }

    public Path pointerFile(String tenant, String surface) {
        return registryDir().resolve("current").resolve(tenant).resolve(surface).resolve("manifest.json");
    }

    public byte[] pointerBytes() {
        return read(pointerFile(TENANT, SURFACE));
    }

    public Manifest pointer() {
        return registry().pointer(TENANT, SURFACE).orElseThrow();
    }

    public List<Long> historySeqs(String tenant, String surface) {
        Path folder = registryDir().resolve("history").resolve(tenant).resolve(surface);
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(f -> RegistryLayout.seqOf(f.getFileName().toString())).filter(s -> s > 0).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What the history entry's validation report says about one gate of one kind, e.g. "forced: ...". */
    public String gateResult(long seq, String kind, String gate) {
        Object kindResults = registry().entry(TENANT, SURFACE, seq).validation().get(kind);
        return String.valueOf(((Map<?, ?>) kindResults).get(gate));
    }

    /** Every file below the fixture's folder, for "nothing was written" checks. */
    public List<String> allFiles() {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).map(dir::relativize).map(Object::toString).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs {@code manifest <args>} against this fixture's folders, with its clock. */
    public CliResult cli(String... args) {
        List<String> all = new ArrayList<>(Arrays.asList(args));
        all.addAll(List.of("--set", "storage.registry=" + registryDir(), "--set", "storage.objectstore=" + objectDir()));
        return runCli(clock, all.toArray(String[]::new));
    }

    /** As the jobs' entry point does: a known failure prints its message and exits with its code. */
    public static CliResult runCli(TestClock clock, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new ManifestCommand(clock));
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof PipelineException p) {
                commandLine.getErr().println("error: " + p.getMessage());
                return p.exitCode().code();
            }
            throw e;
        });
        int code = cli.execute(args);
        return new CliResult(code, out.toString(), err.toString());
    }

    public static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
