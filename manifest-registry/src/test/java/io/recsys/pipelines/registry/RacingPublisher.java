package io.recsys.pipelines.registry;

import io.recsys.pipelines.common.artifact.Artifact;
import io.recsys.pipelines.common.errors.ExitCode;
import io.recsys.pipelines.common.errors.PipelineException;
import io.recsys.pipelines.common.storage.LocalObjectStore;
import io.recsys.pipelines.common.storage.Locations;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One of several publishers racing on demo/home: every round publishes an artifact no other round
 * publishes, and reports "published SEQ RUN", "unchanged SEQ RUN" or "conflict RUN: MESSAGE".
 */
final class RacingPublisher {
    private RacingPublisher() {
    }

    static List<String> race(Path registryDir, Path objectDir, int worker, int rounds) {
        LocalObjectStore store = new LocalObjectStore();
        List<String> outcomes = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            Registry registry = new Registry(store, Locations.resolve(registryDir.toString()));
            PairPublisher publisher = new PairPublisher(store, Locations.resolve(objectDir.toString()), registry,
                    new PublishGates(10_000_000, 1, 0.5, false));
            String runId = "w" + worker + "-r" + round;
            Artifact artifact = RegistryFixture.popularity("common=100", "w" + worker + "=" + (round + 1));
            try {
                PublishOutcome outcome = publisher.publish(RegistryFixture.TENANT, RegistryFixture.SURFACE,
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
