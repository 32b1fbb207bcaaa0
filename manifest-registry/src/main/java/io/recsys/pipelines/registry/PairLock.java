package io.recsys.pipelines.registry;

import io.recsys.pipelines.common.errors.PipelineException;
import io.recsys.pipelines.common.storage.Location;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Serializes publishers of one (tenant, surface) on a local registry with an OS file lock, which
 * the kernel releases when a process dies, so a crash never leaves a stale lock behind. Object
 * stores have no such lock; there the create-only history entry alone carries the race.
 */
final class PairLock implements AutoCloseable {
    /** File locks are per process: threads of one JVM must queue on a lock of their own first. */
    private static final ConcurrentHashMap<String, ReentrantLock> IN_PROCESS = new ConcurrentHashMap<>();

    private final ReentrantLock threadLock;
    private final FileChannel channel;
    private final FileLock lock;

    private PairLock(ReentrantLock threadLock, FileChannel channel, FileLock lock) {
        this.threadLock = threadLock;
        this.channel = channel;
        this.lock = lock;
    }

    /** Returns null for non-local registries. */
    static PairLock acquire(RegistryLayout layout, String tenant, String surface) {
        Location lockPath = layout.lockFile(tenant, surface);
        if (!lockPath.isLocal()) {
            return null;
        }
        java.nio.file.Path file = java.nio.file.Path.of(lockPath.path()).toAbsolutePath().normalize();
        ReentrantLock threadLock = IN_PROCESS.computeIfAbsent(file.toString(), k -> new ReentrantLock());
        threadLock.lock();
        try {
            Files.createDirectories(file.getParent());
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            try {
                return new PairLock(threadLock, channel, channel.lock());
            } catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
        } catch (IOException | RuntimeException e) {
            threadLock.unlock();
            if (e instanceof RuntimeException re) {
                throw re;
            }
            IOException io = (IOException) e;
            throw PipelineException.storage("cannot lock " + file + ": " + io.getMessage(), new UncheckedIOException(io));
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException ignored) {
            // closing the channel releases the lock in any case
        } finally {
            threadLock.unlock();
        }
    }
}
