package io.tradingengine.api.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradingengine.api.http.ApiException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class KeysetCursorTest {

    @Test
    void shouldDecodeWhatItEncodes() {
        KeysetCursor cursor = new KeysetCursor("trades", Instant.parse("2025-01-02T03:04:05.123456Z"), "t:1/x");

        assertThat(KeysetCursor.decode("trades", cursor.encode())).isEqualTo(cursor);
        assertThat(cursor.encode()).matches("[A-Za-z0-9_-]+");
    }

    @Test
    void shouldReadNoCursorAsTheFirstPage() {
        assertThat(KeysetCursor.decode("trades", null)).isNull();
    }

    @Test
    void shouldRejectTheCursorOfAnotherList() {
        String ordersCursor = new KeysetCursor("orders", Instant.parse("2025-01-02T03:04:05Z"), "o1").encode();

        assertThatThrownBy(() -> KeysetCursor.decode("trades", ordersCursor))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.field()).isEqualTo("cursor"));
    }

    @Test
    void shouldRejectMalformedCursorsNamingTheParameter() {
        String noSeparator = encode("trades\n2025-01-02T03:04:05Z");
        String badTime = encode("trades\nyesterday\nt1");
        String noId = encode("trades\n2025-01-02T03:04:05Z\n");
        for (String bad : new String[] {"", "%%%", "not base64!", noSeparator, badTime, noId, "x".repeat(600)}) {
            assertThatThrownBy(() -> KeysetCursor.decode("trades", bad))
                    .as(bad)
                    .isInstanceOfSatisfying(ApiException.class, e -> {
                        assertThat(e.status()).isEqualTo(400);
                        assertThat(e.field()).isEqualTo("cursor");
                    });
        }
    }

    private static String encode(String plain) {
        return Base64.getUrlEncoder().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }
}
