package io.tradingengine.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;

import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

class EmbeddedRedisIT {

    @Test
    void shouldStoreAndReturnValuesOnAReplacementPortWhenThePreferredOneIsTaken() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             EmbeddedRedis redis = EmbeddedRedis.start(taken.getLocalPort());
             Jedis jedis = new Jedis(URI.create(redis.url()))) {
            assertThat(redis.port()).isNotEqualTo(taken.getLocalPort());
            assertThat(redis.url()).isEqualTo("redis://127.0.0.1:" + redis.port());

            assertThat(jedis.set("assessment:a-1", "ACTIVE")).isEqualTo("OK");
            assertThat(jedis.get("assessment:a-1")).isEqualTo("ACTIVE");
            assertThat(jedis.configGet("save")).containsEntry("save", "");
        }
    }
}
