package community.dispatch.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * {@code ./run.sh --restore FILE}: the stack brought back to a {@link Backup} on an empty data directory, then
 * started as usual. PostgreSQL replays the backup's WAL when it starts. Kafka starts empty, so every service's outbox
 * publishes again each event it still keeps ({@code dispatch.outbox.retention}, seven days): an event that a consumer
 * had not handled when the backup was taken reaches it now, and one it had handled is skipped, since its {@code
 * processed_event} row is in the same backup and is kept longer than the outbox (fourteen days).
 */
final class Restore {

    private Restore() {
    }

    /** Unpacks the backup into the settings' data directory, which must not hold a stack yet. */
    static void unpack(StackSettings settings) {
        Path file = settings.restoreFrom();
        Path data = settings.dataDir();
        for (String held : List.of("postgres", "kafka", "kafka-cluster")) {
            if (Files.exists(data.resolve(held))) {
                throw new IllegalStateException(data + " holds a stack already (" + held + "/): restore into an empty data "
                        + "directory (another DISPATCH_DATA_DIR, or --reset to delete this one first)");
            }
        }
        long started = System.nanoTime();
        try (ZipFile backup = new ZipFile(file.toFile())) {
            Properties manifest = manifest(backup, file);
            for (ZipEntry entry : Collections.list(backup.entries())) {
                Path target = target(data, entry.getName());
                if (target == null) {
                    continue;
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                    continue;
                }
                Files.createDirectories(target.getParent());
                try (InputStream in = backup.getInputStream(entry)) {
                    Files.copy(in, target);
                }
                if (entry.getName().startsWith(Backup.SECRETS)) {
                    Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-------"));
                }
            }
            // PostgreSQL starts only on a data directory that its owner alone may enter.
            Files.setPosixFilePermissions(data.resolve("postgres"), PosixFilePermissions.fromString("rwx------"));
            Console.say("restored %s (taken at %s) into %s in %.1f s", file, manifest.getProperty("taken-at"), data,
                    (System.nanoTime() - started) / 1e9);
        }
        catch (IOException e) {
            throw new UncheckedIOException("could not restore " + file + ": " + e.getMessage(), e);
        }
    }

    /** Every event each database's outbox keeps is queued to be published again to the new, empty Kafka. */
    static void republish(LocalPostgres postgres, List<String> databases) {
        for (String database : databases) {
            int queued = postgres.update(database, """
                    INSERT INTO outbox_pending (id, seq, topic, message_key)
                    SELECT id, seq, topic, message_key FROM outbox_event
                    ON CONFLICT (id) DO NOTHING""");
            Console.say("%s: %d events kept by its outbox queued to be published again", database, queued);
        }
    }

    private static Properties manifest(ZipFile backup, Path file) throws IOException {
        ZipEntry entry = backup.getEntry(Backup.MANIFEST);
        if (entry == null) {
            throw new IllegalStateException(file + " is not a community-dispatch backup (it has no " + Backup.MANIFEST + ")");
        }
        Properties manifest = new Properties();
        try (InputStream in = backup.getInputStream(entry)) {
            manifest.load(in);
        }
        if (!String.valueOf(Backup.FORMAT).equals(manifest.getProperty("format"))) {
            throw new IllegalStateException(file + " is a backup of format " + manifest.getProperty("format")
                    + "; this launcher restores format " + Backup.FORMAT);
        }
        return manifest;
    }

    /** Where an entry goes: the database under postgres/, secrets at the data directory's top; never outside it. */
    private static Path target(Path data, String name) {
        Path target;
        if (name.startsWith(Backup.DATABASE)) {
            target = data.resolve("postgres").resolve(name.substring(Backup.DATABASE.length()));
        }
        else if (name.startsWith(Backup.SECRETS)) {
            target = data.resolve(name.substring(Backup.SECRETS.length()));
        }
        else {
            return null;
        }
        target = target.normalize();
        if (!target.startsWith(data)) {
            throw new IllegalStateException("the backup's entry " + name + " points outside " + data);
        }
        return target;
    }
}
