package community.dispatch.member.signin;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OwnerOnlyFileTest {

    @TempDir
    Path directory;

    @Test
    void theSecretIsReadableByItsOwnerOnlyAndReplacesAnEarlierOne() throws Exception {
        Path file = directory.resolve("secrets/admin-password");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "an earlier, world-readable secret");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        OwnerOnlyFile.write(file, "s3cret-token");

        assertThat(Files.readString(file)).isEqualToIgnoringNewLines("s3cret-token");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }
}
