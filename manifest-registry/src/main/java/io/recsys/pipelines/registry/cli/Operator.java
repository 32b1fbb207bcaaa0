package io.recsys.pipelines.registry.cli;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;

/** Who runs a manifest command, and an id for the change it makes: both go into the history entry. */
final class Operator {
    private Operator() {
    }

    static String who() {
        String user = System.getProperty("user.name", "unknown");
        try {
            return user + "@" + InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return user;
        }
    }

    static String changeId(String action, Instant now) {
        return action + "-" + now.getEpochSecond() + "-" + ProcessHandle.current().pid();
    }
}
