package io.recsys.pipelines.registry;

import java.net.InetAddress;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Who made a change and the id of the change, as history entries record them: pipeline runs get ids
 * that sort by time and do not collide; manifest commands get an id naming their action.
 */
public final class RunIdentity {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private RunIdentity() {
    }

    /** A pipeline run's id: its start time, then random hex so two runs in the same second differ. */
    public static String runId(Instant now) {
        return STAMP.format(now) + "-" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x100000, 0xffffff));
    }

    /** A manifest command's id: its action, its time and the process. */
    public static String changeId(String action, Instant now) {
        return action + "-" + now.getEpochSecond() + "-" + ProcessHandle.current().pid();
    }

    /** user@host of this process, or the user alone when the host name cannot be read. */
    public static String who() {
        String user = System.getProperty("user.name", "unknown");
        try {
            return user + "@" + InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            return user;
        }
    }
}
