package io.recsys.pipelines.common.storage;

import io.recsys.pipelines.common.errors.PipelineException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The local filesystem through java.nio, because Hadoop's local FileSystem offers neither an
 * exclusive create that publishes whole content nor an atomic replace. Both are done by writing a
 * temporary file in the same folder and then linking it (link(2) fails if the name exists) or
 * renaming it (rename(2) replaces atomically).
 *
 * <p>Durable: the temporary file's content is fsynced before it is linked or renamed, and the
 * folder after, so that a power cut leaves either the old object or the whole new one, never a
 * name for an empty file (a zero-length history entry would block its pair, a zero-length pointer
 * would break the service).
 */
public final class LocalObjectStore implements ObjectStore {
    /** Flushes a file's or a folder's content to the disk; tests record the order of the calls. */
    public interface Sync {
        void file(java.nio.channels.FileChannel channel, java.nio.file.Path file) throws IOException;

        void folder(java.nio.file.Path folder) throws IOException;
    }

    /** fsync(2) of the file, and of the folder (for the new name; some filesystems refuse to open a folder). */
    public static final Sync FSYNC = new Sync() {
        @Override
        public void file(java.nio.channels.FileChannel channel, java.nio.file.Path file) throws IOException {
            channel.force(true);
        }

        @Override
        public void folder(java.nio.file.Path folder) throws IOException {
            try (java.nio.channels.FileChannel dir = java.nio.channels.FileChannel.open(folder,
                    java.nio.file.StandardOpenOption.READ)) {
                dir.force(true);
            } catch (IOException | UnsupportedOperationException e) {
                // Not every platform can fsync a folder; the file's own content is durable regardless.
            }
        }
    };

    private final Sync sync;

    public LocalObjectStore() {
        this(FSYNC);
    }

    public LocalObjectStore(Sync sync) {
        this.sync = sync;
    }

    public static java.nio.file.Path toNio(Location location) {
        if (!location.isLocal()) {
            throw new IllegalArgumentException("not a local location: " + location);
        }
        return java.nio.file.Path.of(location.path());
    }

    @Override
    public Optional<byte[]> read(Location path) {
        try {
            return Optional.of(Files.readAllBytes(toNio(path)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw failure("read", path, e);
        }
    }

    @Override
    public boolean exists(Location path) {
        return Files.exists(toNio(path));
    }

    @Override
    public boolean create(Location path, byte[] bytes) {
        java.nio.file.Path target = toNio(path);
        if (Files.exists(target)) {
            return false;
        }
        java.nio.file.Path temp = writeTemp(target, bytes);
        try {
            Files.createLink(target, temp);
            syncFolder(target);
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        } catch (IOException e) {
            throw failure("create", path, e);
        } finally {
            deleteQuietly(temp);
        }
    }

    @Override
    public void createOrReplace(Location path, byte[] bytes) {
        java.nio.file.Path target = toNio(path);
        java.nio.file.Path temp = writeTemp(target, bytes);
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            syncFolder(target);
        } catch (AtomicMoveNotSupportedException e) {
            deleteQuietly(temp);
            throw failure("atomically replace", path, e);
        } catch (IOException e) {
            deleteQuietly(temp);
            throw failure("replace", path, e);
        }
    }

    @Override
    public Optional<Entry> status(Location path) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(toNio(path), BasicFileAttributes.class);
            return attributes.isDirectory() ? Optional.empty() : Optional.of(entry(path.name(), attributes));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw failure("read the status of", path, e);
        }
    }

    /** rename(2) replaces atomically, link(2) publishes a whole file. */
    @Override
    public boolean atomicReplace(Location location) {
        return true;
    }

    @Override
    public List<Entry> list(Location folder) {
        java.nio.file.Path dir = toNio(folder);
        List<Entry> entries = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return entries;
        }
        try (DirectoryStream<java.nio.file.Path> stream = Files.newDirectoryStream(dir)) {
            for (java.nio.file.Path child : stream) {
                String name = child.getFileName().toString();
                if (name.startsWith(".tmp-")) {
                    continue;
                }
                try {
                    entries.add(entry(name, Files.readAttributes(child, BasicFileAttributes.class)));
                } catch (NoSuchFileException e) {
                    // deleted since the folder was read: not part of the listing
                }
            }
        } catch (IOException e) {
            throw failure("list", folder, e);
        }
        entries.sort(java.util.Comparator.comparing(Entry::name));
        return entries;
    }

    /** To the millisecond, as Hadoop's FileSystem reported it before, so ages compare as they did. */
    private static Entry entry(String name, BasicFileAttributes attributes) {
        Instant modified = Instant.ofEpochMilli(attributes.lastModifiedTime().toMillis());
        return attributes.isDirectory() ? new Entry(name, 0, modified, true)
                : new Entry(name, attributes.size(), modified, false);
    }

    @Override
    public boolean delete(Location path) {
        java.nio.file.Path target = toNio(path);
        if (!Files.exists(target)) {
            return false;
        }
        try (Stream<java.nio.file.Path> walk = Files.walk(target)) {
            for (java.nio.file.Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
            return true;
        } catch (java.nio.file.NoSuchFileException e) {
            return false; // deleted by someone else since the check: the outcome asked for holds
        } catch (IOException e) {
            throw failure("delete", path, e);
        }
    }

    private java.nio.file.Path writeTemp(java.nio.file.Path target, byte[] bytes) {
        java.nio.file.Path temp = target.resolveSibling(".tmp-" + target.getFileName() + "-" + UUID.randomUUID());
        try {
            Files.createDirectories(target.getParent());
            try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(temp,
                    java.nio.file.StandardOpenOption.CREATE_NEW, java.nio.file.StandardOpenOption.WRITE)) {
                java.nio.ByteBuffer buffer = java.nio.ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                sync.file(channel, temp);
            }
            return temp;
        } catch (IOException e) {
            deleteQuietly(temp);
            throw failure("write", Location.local(target), e);
        }
    }

    private void syncFolder(java.nio.file.Path target) throws IOException {
        sync.folder(target.getParent());
    }

    private static void deleteQuietly(java.nio.file.Path temp) {
        try {
            Files.deleteIfExists(temp);
        } catch (IOException ignored) {
            // a leftover .tmp- file is ignored by listings and harmless
        }
    }

    private static PipelineException failure(String action, Location path, IOException e) {
        return PipelineException.storage("cannot " + action + " " + path + ": " + e, new UncheckedIOException(e));
    }
}
