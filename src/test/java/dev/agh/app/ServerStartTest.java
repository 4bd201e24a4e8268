package dev.agh.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.agh.domain.AghException;
import dev.agh.domain.ErrorCode;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How {@code agh serve} starts when something is in its way: one clear error, and nothing taken over. */
class ServerStartTest {
    @TempDir
    Path home;

    private AppConfig config() {
        return new AppConfig(home, null, null, null, null, "tester");
    }

    @Test
    void aBusyPortIsOneClearErrorAndNoStoreIsOpened() throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress("127.0.0.1", 0));
            AghException e = catchThrowableOfType(
                    AghException.class,
                    () -> Server.start(config(), "127.0.0.1", taken.getLocalPort(), Server.AuthMode.TOKEN));
            assertThat(e.code()).isEqualTo(ErrorCode.SERVER_UNAVAILABLE);
            assertThat(e.getMessage()).contains("port is in use").contains(String.valueOf(taken.getLocalPort()));
            assertThat(home.resolve("agh.mv.db")).doesNotExist();
        }
    }

    @Test
    void aSecondServerOnTheSameDataDirectoryIsRefusedAndTheFirstKeepsItsAddress() {
        try (Server first = Server.start(config(), "127.0.0.1", 0, Server.AuthMode.TOKEN)) {
            AghException e = catchThrowableOfType(
                    AghException.class, () -> Server.start(config(), "127.0.0.1", 0, Server.AuthMode.TOKEN));
            assertThat(e.code()).isEqualTo(ErrorCode.STORE_UNAVAILABLE);
            assertThat(e.getMessage()).contains("already running").contains(first.url());
            assertThat(new DataDirectory(home).publishedServer()).isEqualTo(first.url());
        }
        assertThat(new DataDirectory(home).publishedServer()).isNull();
    }

    @Test
    void theAddressLeftByADeadServerIsReplaced() throws Exception {
        Files.createDirectories(home);
        int dead;
        try (ServerSocket gone = new ServerSocket(0)) {
            dead = gone.getLocalPort();
        }
        Files.writeString(home.resolve("server.url"), "http://127.0.0.1:" + dead + "\n");
        try (Server server = Server.start(config(), "127.0.0.1", 0, Server.AuthMode.TOKEN)) {
            assertThat(new DataDirectory(home).publishedServer())
                    .isEqualTo(server.url())
                    .doesNotContain(":" + dead);
        }
    }
}
