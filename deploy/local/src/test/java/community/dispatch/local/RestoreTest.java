package community.dispatch.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RestoreTest {

    @TempDir
    Path folder;

    @Test
    void unpacksTheDatabaseAndTheSecretsForTheirOwnerOnly() throws IOException {
        Path backup = zip(Map.of(Backup.MANIFEST, "format=1\ntaken-at=2026-12-06T21:00:00Z\n",
                "postgres/PG_VERSION", "17\n", "postgres/pg_wal/", "", "secrets/signing-key-secret", "s3cret"));

        Restore.unpack(settings(backup));

        Path data = folder.resolve("data");
        assertThat(data.resolve("postgres/PG_VERSION")).hasContent("17");
        assertThat(data.resolve("postgres/pg_wal")).isDirectory();
        assertThat(Files.getPosixFilePermissions(data.resolve("postgres")))
                .isEqualTo(PosixFilePermissions.fromString("rwx------"));
        assertThat(data.resolve("signing-key-secret")).hasContent("s3cret");
        assertThat(Files.getPosixFilePermissions(data.resolve("signing-key-secret")))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    }

    @Test
    void neverOverwritesAStack() throws IOException {
        Path backup = zip(Map.of(Backup.MANIFEST, "format=1\n", "postgres/PG_VERSION", "17\n"));
        Files.createDirectories(folder.resolve("data/kafka"));

        assertThatThrownBy(() -> Restore.unpack(settings(backup))).hasMessageContaining("holds a stack already (kafka/)");
    }

    @Test
    void refusesWhatIsNotABackupOrWritesOutsideTheDataDirectory() throws IOException {
        Path notABackup = zip(Map.of("postgres/PG_VERSION", "17\n"));
        assertThatThrownBy(() -> Restore.unpack(settings(notABackup))).hasMessageContaining("is not a community-dispatch backup");

        Path newer = zip(Map.of(Backup.MANIFEST, "format=2\n"));
        assertThatThrownBy(() -> Restore.unpack(settings(newer))).hasMessageContaining("format 2");

        Path escaping = zip(Map.of(Backup.MANIFEST, "format=1\n", "secrets/../../outside", "x"));
        assertThatThrownBy(() -> Restore.unpack(settings(escaping))).hasMessageContaining("points outside");
        assertThat(folder.resolve("outside")).doesNotExist();
    }

    private StackSettings settings(Path backup) {
        return StackSettings.from(Map.of("DISPATCH_DATA_DIR", folder.resolve("data").toString()),
                List.of("--restore", backup.toString()));
    }

    private Path zip(Map<String, String> entries) throws IOException {
        Path file = Files.createTempFile(folder, "backup", ".zip");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            for (var entry : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(entry.getKey()));
                zip.write(entry.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return file;
    }
}
