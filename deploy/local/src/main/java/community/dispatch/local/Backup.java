package community.dispatch.local;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * {@code ./run.sh --backup}: one file that brings the stack back ({@link Restore}), taken while it runs.
 *
 * <p>It holds a physical copy of the stack's one PostgreSQL server — the three services' databases at one instant,
 * so they agree with each other — made the way PostgreSQL documents for a low-level base backup: {@code
 * pg_backup_start}, the data directory copied while the server writes on, {@code pg_backup_stop}, then the WAL from the
 * backup's start to its end, which replays the copy to a consistent state. A temporary replication slot keeps that WAL
 * until it is copied. The stack's secrets (token signing, gateway-to-service, Kafka users) come along, so tokens and
 * municipal systems' Kafka passwords stay valid. Kafka is not in it: a restore publishes again what the outboxes keep.
 */
final class Backup {

    static final String MANIFEST = "community-dispatch-backup.properties";
    static final String DATABASE = "postgres/";
    static final String SECRETS = "secrets/";
    static final int FORMAT = 1;

    private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);
    private static final Pattern START_SEGMENT = Pattern.compile("START WAL LOCATION: \\S+ \\(file ([0-9A-F]{24})\\)");
    private static final Pattern SEGMENT = Pattern.compile("[0-9A-F]{24}");
    /** Written anew by the server, or only meaningful to the running one: their folders are kept, empty. */
    private static final Set<String> EMPTIED = Set.of("pg_wal", "pg_dynshmem", "pg_notify", "pg_serial", "pg_snapshots",
            "pg_stat_tmp", "pg_subtrans", "pg_replslot");
    /** Files of the running server (and of the launcher's lock), never restored. */
    private static final Set<String> LEFT_OUT = Set.of("postmaster.pid", "postmaster.opts", "epg-lock", "backup_label",
            "tablespace_map");

    private Backup() {
    }

    /** Takes the backup of the running stack into {@code settings.backupTo()} (a folder: a file named by the time). */
    static Path take(StackSettings settings) {
        Instant now = Instant.now();
        Path target = Files.isDirectory(settings.backupTo()) || !settings.backupTo().toString().endsWith(".zip")
                ? settings.backupTo().resolve("community-dispatch-" + FILE_TIME.format(now) + ".zip")
                : settings.backupTo();
        Path partial = target.resolveSibling(target.getFileName() + ".partial");
        Path data = settings.dataDir().resolve("postgres");
        long started = System.nanoTime();
        try (Connection database = DriverManager.getConnection("jdbc:postgresql://localhost:" + settings.postgresPort()
                + "/postgres", "postgres", "")) {
            if (!Files.exists(data) || !Files.isSameFile(Path.of(single(database, "SHOW data_directory")), data)) {
                throw new IllegalStateException("the PostgreSQL on port " + settings.postgresPort() + " does not keep its data in "
                        + data + ": run --backup on the stack's machine, with the stack's DISPATCH_DATA_DIR and ports");
            }
            Files.createDirectories(target.getParent());
            Files.deleteIfExists(partial);
            // It holds every resident's data and the stack's secrets: for its owner's eyes only.
            Files.createFile(partial, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            single(database, "SELECT pg_create_physical_replication_slot('dispatch_backup_' || pg_backend_pid(), true, true)");
            single(database, "SELECT pg_backup_start('community-dispatch " + now + "', true)");
            try (ZipOutputStream zip = new ZipOutputStream(new BufferedOutputStream(Files.newOutputStream(partial)))) {
                zip.setLevel(Deflater.BEST_SPEED);
                copyDataDirectory(data, zip);
                String label;
                String stopSegment;
                try (Statement statement = database.createStatement();
                        ResultSet stop = statement.executeQuery(
                                "SELECT labelfile, spcmapfile, pg_walfile_name(lsn) AS segment FROM pg_backup_stop(false)")) {
                    stop.next();
                    label = stop.getString("labelfile");
                    stopSegment = stop.getString("segment");
                    put(zip, DATABASE + "backup_label", label);
                    if (stop.getString("spcmapfile") != null && !stop.getString("spcmapfile").isEmpty()) {
                        put(zip, DATABASE + "tablespace_map", stop.getString("spcmapfile"));
                    }
                }
                copyWal(data.resolve("pg_wal"), startSegment(label), stopSegment, zip);
                for (Path secret : settings.secrets()) {
                    copy(secret, SECRETS + relative(settings.dataDir(), secret), zip);
                }
                put(zip, MANIFEST, "format=" + FORMAT + "\ntaken-at=" + now + "\npostgres-version="
                        + Files.readString(data.resolve("PG_VERSION")).trim() + "\n");
            }
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            Console.say("backup written to %s (%d MB) in %.1f s; keep a copy off this machine", target,
                    Files.size(target) >> 20, (System.nanoTime() - started) / 1e9);
            return target;
        }
        catch (SQLException e) {
            deleteQuietly(partial);
            throw new IllegalStateException("no backup: PostgreSQL on port " + settings.postgresPort() + " answered: "
                    + e.getMessage() + " (is the stack running?)", e);
        }
        catch (IOException e) {
            deleteQuietly(partial);
            throw new UncheckedIOException("no backup: could not write " + target, e);
        }
        catch (RuntimeException e) {
            deleteQuietly(partial);
            throw e;
        }
    }

    private static void copyDataDirectory(Path data, ZipOutputStream zip) throws IOException {
        Files.walkFileTree(data, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path directory, BasicFileAttributes attributes) throws IOException {
                String name = relative(data, directory);
                if (!name.isEmpty()) {
                    zip.putNextEntry(new ZipEntry(DATABASE + name + "/"));
                    zip.closeEntry();
                }
                return EMPTIED.contains(name) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                String name = relative(data, file);
                String fileName = file.getFileName().toString();
                if (!LEFT_OUT.contains(name) && !fileName.equals("pg_internal.init") && !fileName.startsWith("pgsql_tmp")) {
                    copy(file, DATABASE + name, zip);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (e instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE; // dropped or truncated away while copied: the WAL says so
                }
                throw e;
            }
        });
    }

    /** The WAL segments from the backup's start to its end; each must still be there (the slot kept them). */
    private static void copyWal(Path wal, String first, String last, ZipOutputStream zip) throws IOException {
        List<String> segments = new ArrayList<>();
        try (Stream<Path> files = Files.list(wal)) {
            files.map(file -> file.getFileName().toString())
                    .filter(name -> SEGMENT.matcher(name).matches() && name.compareTo(first) >= 0 && name.compareTo(last) <= 0)
                    .sorted()
                    .forEach(segments::add);
        }
        if (segments.isEmpty() || !segments.get(0).equals(first) || !segments.get(segments.size() - 1).equals(last)
                || segments.size() != segmentsBetween(first, last)) {
            throw new IllegalStateException("the WAL from " + first + " to " + last + " is not all in " + wal + " (found "
                    + segments + ")");
        }
        for (String segment : segments) {
            copy(wal.resolve(segment), DATABASE + "pg_wal/" + segment, zip);
        }
        try (Stream<Path> files = Files.list(wal)) {
            for (Path history : files.filter(file -> file.getFileName().toString().endsWith(".history")).sorted().toList()) {
                copy(history, DATABASE + "pg_wal/" + history.getFileName(), zip);
            }
        }
    }

    /** Segments are named timeline, then log and segment (each 8 hex digits, 256 segments of 16 MB a log). */
    private static long segmentsBetween(String first, String last) {
        return number(last) - number(first) + 1;
    }

    private static long number(String segment) {
        return Long.parseLong(segment.substring(8, 16), 16) * 0x100 + Long.parseLong(segment.substring(16, 24), 16);
    }

    private static String startSegment(String label) {
        Matcher start = START_SEGMENT.matcher(label);
        if (!start.find()) {
            throw new IllegalStateException("pg_backup_stop gave a backup label without its start: " + label);
        }
        return start.group(1);
    }

    private static void copy(Path file, String name, ZipOutputStream zip) throws IOException {
        InputStream in;
        try {
            in = Files.newInputStream(file);
        }
        catch (NoSuchFileException e) {
            return;
        }
        try (in) {
            zip.putNextEntry(new ZipEntry(name));
            in.transferTo(zip);
            zip.closeEntry();
        }
    }

    private static void put(ZipOutputStream zip, String name, String content) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(content.getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
    }

    private static String relative(Path root, Path path) {
        return root.relativize(path).toString().replace('\\', '/');
    }

    private static String single(Connection database, String sql) throws SQLException {
        try (Statement statement = database.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getString(1);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        }
        catch (IOException ignored) {
            // the failure being reported matters more than a leftover partial file
        }
    }
}
