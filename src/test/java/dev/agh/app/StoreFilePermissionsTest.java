package dev.agh.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store holds every task and result: its files are the owner's alone, even in a directory others can read. */
class StoreFilePermissionsTest {
    @TempDir
    Path tmp;

    @Test
    void theStoreFileIsOwnerOnlyEvenInADirectoryThatWasWorldReadable() throws Exception {
        Path home = Files.createDirectory(
                tmp.resolve("shared-home"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwxr-xr-x"));
        try (Backend backend = Backends.inProcess(new AppConfig(home, null, null, null, null, "tester"))) {
            assertThat(backend.where()).startsWith("embedded");
        }
        Path store = home.resolve("agh.mv.db");
        assertThat(store).exists();
        Set<PosixFilePermission> mode = Files.getPosixFilePermissions(store);
        assertThat(PosixFilePermissions.toString(mode)).isEqualTo("rw-------");
    }

    @Test
    void aDataDirectoryAghCreatesIsOwnerOnly() throws Exception {
        Path home = tmp.resolve("new-home");
        try (Backend backend = Backends.inProcess(new AppConfig(home, null, null, null, null, "tester"))) {
            assertThat(backend.where()).startsWith("embedded");
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(home)))
                .isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(home.resolve("agh.mv.db"))))
                .isEqualTo("rw-------");
    }
}
