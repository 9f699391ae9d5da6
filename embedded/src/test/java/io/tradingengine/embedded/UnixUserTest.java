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

class UnixUserTest {

    private static final List<String> PASSWD = List.of(
            "root:x:0:0:root:/root:/bin/bash",
            "nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin");

    @TempDir
    Path dir;

    @Test
    void shouldReadUidAndGidFromPasswdLines() {
        assertThat(UnixUser.parse(PASSWD, "nobody")).contains(new UnixUser("nobody", 65534, 65534));
        assertThat(UnixUser.parse(PASSWD, "postgres")).isEmpty();
    }

    @Test
    void shouldTraverseDirectoriesOpenToOthers() throws IOException {
        Path open = Files.createDirectories(dir.resolve("open/inner"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(dir.resolve("open"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxr-xr-x"));

        assumeTrue(openToOthers(dir), "the temporary directory's ancestors must be open to others");

        assertThat(stranger().canTraverse(open)).isTrue();
    }

    @Test
    void shouldNotTraverseADirectoryClosedToOthers() throws IOException {
        Path closed = Files.createDirectories(dir.resolve("closed"));
        Path inner = Files.createDirectories(closed.resolve("inner"));
        Files.setPosixFilePermissions(closed, PosixFilePermissions.fromString("rwx------"));

        assertThat(stranger().canTraverse(inner)).isFalse();
    }

    @Test
    void shouldTraverseAClosedDirectoryItOwns() throws IOException {
        Path closed = Files.createDirectories(dir.resolve("mine"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(closed, PosixFilePermissions.fromString("rwx------"));
        int ownerUid = (Integer) Files.getAttribute(closed, "unix:uid");
        UnixUser owner = new UnixUser("owner", ownerUid, 123_456);
        assumeTrue(openToOthers(dir), "the temporary directory's ancestors must be open to others");

        assertThat(owner.canTraverse(closed)).isTrue();
    }

    /** A user that owns nothing here and is in no group here. */
    private static UnixUser stranger() {
        return new UnixUser("stranger", 123_456, 123_456);
    }

    /** Checks the "others may search" bit of {@code path} and its ancestors, independently of UnixUser. */
    private static boolean openToOthers(Path path) throws IOException {
        for (Path p = path.toAbsolutePath(); p != null; p = p.getParent()) {
            if (!Files.getPosixFilePermissions(p).contains(PosixFilePermission.OTHERS_EXECUTE)) {
                return false;
            }
        }
        return true;
    }
}
