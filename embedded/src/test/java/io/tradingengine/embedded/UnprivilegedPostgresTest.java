package io.tradingengine.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UnprivilegedPostgresTest {

    private static final UnixUser NOBODY = new UnixUser("nobody", 65534, 65534);

    @TempDir
    Path dir;

    @Test
    void shouldDropToTheUnprivilegedUserWithoutCapabilitiesWhenItsPathsAreOpen() throws IOException {
        Path open = Files.createDirectories(dir.resolve("open"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxr-xr-x"));
        assumeTrue(openToOthers(dir), "the temporary directory's ancestors must be open to others");

        List<String> command = UnprivilegedPostgres.dropPrivilegesCommand(NOBODY, open.resolve("pgdata"));

        assertThat(command).containsExactly("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--");
    }

    @Test
    void shouldAddTheSearchCapabilityWhenADirectoryAboveTheDataIsClosed() throws IOException {
        Path closed = Files.createDirectories(dir.resolve("closed"));
        Files.setPosixFilePermissions(closed, PosixFilePermissions.fromString("rwx------"));

        List<String> command = UnprivilegedPostgres.dropPrivilegesCommand(NOBODY, closed.resolve("pgdata"));

        assertThat(command).containsExactly("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
                "--inh-caps=+dac_read_search", "--ambient-caps=+dac_read_search", "--");
    }

    private static boolean openToOthers(Path path) throws IOException {
        for (Path p = path.toAbsolutePath(); p != null; p = p.getParent()) {
            if (!Files.getPosixFilePermissions(p).contains(PosixFilePermission.OTHERS_EXECUTE)) {
                return false;
            }
        }
        return true;
    }
}
