package io.recsys.pipelines.registry;

import io.recsys.pipelines.common.artifact.Artifact;
import io.recsys.pipelines.common.errors.ExitCode;
import io.recsys.pipelines.common.errors.PipelineException;
import io.recsys.pipelines.common.storage.LocalObjectStore;
import io.recsys.pipelines.common.storage.Location;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * One of several publishers racing on demo/home: every round publishes an artifact no other round
 * publishes, and reports "published SEQ RUN", "unchanged SEQ RUN" or "conflict RUN: MESSAGE".
 * Shared with the jobs module's S3 race (test-jar), which races the same way on another store.
 */
public final class RacingPublisher {
    /** A publisher that never arrives would otherwise hang the others at the barrier for good. */
    private static final long BARRIER_SECONDS = 60;

    private RacingPublisher() {
    }

    /** Races on a local registry and object store: a fresh registry and publisher per round, as separate runs. */
    public static List<String> race(Path registryDir, Path objectDir, int worker, int rounds) {
        LocalObjectStore store = new LocalObjectStore();
        return race(() -> new PairPublisher(store, Location.of(objectDir.toString()),
                new Registry(store, Location.of(registryDir.toString())), new PublishGates(10_000_000, 1, 0.5, false)),
                worker, rounds);
    }

    /** Races with the publishers {@code publishers} hands out, one per round. */
    public static List<String> race(Supplier<PairPublisher> publishers, int worker, int rounds) {
        List<String> outcomes = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            String runId = "w" + worker + "-r" + round;
            Artifact artifact = RegistryFixture.popularity("common=100", "w" + worker + "=" + (round + 1));
            try {
                PublishOutcome outcome = publishers.get().publish(RegistryFixture.TENANT, RegistryFixture.SURFACE,
                        List.of(artifact), new RunInfo(runId, Instant.now(), "worker-" + worker, "race", Map.of())).outcome();
                outcomes.add((outcome.published() ? "published " : "unchanged ") + outcome.seq() + " " + runId);
            } catch (PipelineException e) {
                if (e.exitCode() != ExitCode.CONFLICT) {
                    throw e;
                }
                outcomes.add("conflict " + runId + ": " + e.getMessage());
            }
        }
        return outcomes;
    }

    /**
     * Makes every publish through {@code registry} wait, just before it creates its history entry,
     * until {@code parties} publishes are there, then lets them all create it at once. Without a lock
     * (S3) they have all read the same newest entry, so each round exactly one wins and every other
     * one must lose with a conflict: the race happens on every round instead of by chance. Every
     * party must reach the step each round (each round's artifact must differ from what is live).
     */
    public static void inLockstep(Registry registry, int parties) {
        CyclicBarrier barrier = new CyclicBarrier(parties);
        registry.setHook(step -> {
            if (step == PublishHook.Step.BEFORE_HISTORY_ENTRY) {
                try {
                    barrier.await(BARRIER_SECONDS, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted at the lockstep barrier", e);
                } catch (TimeoutException e) {
                    // Seen once in a full suite, never alone: what every thread was doing says who was stuck.
                    System.err.println("lockstep barrier timed out after " + BARRIER_SECONDS + " s; threads:");
                    Thread.getAllStackTraces().forEach((thread, stack) -> System.err.println("  " + thread.getName()
                            + " " + thread.getState() + "\n    at " + String.join("\n    at ",
                            java.util.Arrays.stream(stack).limit(25).map(String::valueOf).toList())));
                    throw new IllegalStateException("a racing publisher did not reach its history entry in lockstep", e);
                } catch (BrokenBarrierException e) {
                    throw new IllegalStateException("a racing publisher did not reach its history entry in lockstep", e);
                }
            }
        });
    }

    /**
     * Entry point of a publisher in its own JVM: args are registry folder, object folder, worker,
     * rounds and a start folder. It says it is ready there, then waits for "go", so that all
     * publishers start racing together rather than one JVM start-up apart.
     */
    public static void main(String[] args) throws Exception {
        Path startFolder = Path.of(args[4]);
        Files.createFile(startFolder.resolve("ready-" + args[2]));
        while (!Files.exists(startFolder.resolve("go"))) {
            Thread.sleep(5);
        }
        race(Path.of(args[0]), Path.of(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]))
                .forEach(System.out::println);
    }
}
