package io.tradingengine.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

import org.junit.jupiter.api.Test;

class PortsTest {

    @Test
    void shouldKeepThePreferredPortWhenItIsFree() throws IOException {
        int free = portFreedJustNow();

        PortChoice choice = Ports.choose(free);

        assertThat(choice).isEqualTo(new PortChoice(free, free, false));
        assertThat(Ports.freeOr(free)).isEqualTo(free);
    }

    @Test
    void shouldReplaceThePreferredPortWhenSomethingListensOnIt() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();

            PortChoice choice = Ports.choose(port);

            assertThat(choice.replaced()).isTrue();
            assertThat(choice.preferred()).isEqualTo(port);
            assertThat(choice.port()).isNotEqualTo(port).isPositive();
            assertThat(Ports.isFree(choice.port())).isTrue();
            assertThat(Ports.isFree(port)).isFalse();
        }
    }

    @Test
    void shouldReplaceThePreferredPortWhenSomethingListensOnAllInterfaces() throws IOException {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress("0.0.0.0", 0));

            assertThat(Ports.choose(taken.getLocalPort()).replaced()).isTrue();
        }
    }

    @Test
    void shouldPickAnyFreePortWithoutCallingItAReplacementWhenZeroIsPreferred() {
        PortChoice choice = Ports.choose(0);

        assertThat(choice.replaced()).isFalse();
        assertThat(choice.port()).isBetween(1, 65_535);
    }

    @Test
    void shouldRejectPortsOutOfRange() {
        assertThatThrownBy(() -> Ports.choose(65_536)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Ports.freeOr(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    private static int portFreedJustNow() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
