package io.tradingengine.api.trades;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradingengine.api.http.ApiException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class TradeCursorTest {

    @Test
    void shouldDecodeWhatItEncodes() {
        TradeCursor cursor = new TradeCursor(Instant.parse("2025-01-02T03:04:05.123456Z"), "t:1/x");

        assertThat(TradeCursor.decode(cursor.encode())).isEqualTo(cursor);
        assertThat(cursor.encode()).matches("[A-Za-z0-9_-]+");
    }

    @Test
    void shouldReadNoCursorAsTheFirstPage() {
        assertThat(TradeCursor.decode(null)).isNull();
    }

    @Test
    void shouldRejectMalformedCursorsNamingTheParameter() {
        String noSeparator = Base64.getUrlEncoder().encodeToString("2025-01-02T03:04:05Z".getBytes(
                StandardCharsets.UTF_8));
        String badTime = Base64.getUrlEncoder().encodeToString("yesterday\nt1".getBytes(StandardCharsets.UTF_8));
        for (String bad : new String[] {"", "%%%", "not base64!", noSeparator, badTime, "x".repeat(600)}) {
            assertThatThrownBy(() -> TradeCursor.decode(bad))
                    .as(bad)
                    .isInstanceOfSatisfying(ApiException.class, e -> {
                        assertThat(e.status()).isEqualTo(400);
                        assertThat(e.field()).isEqualTo("cursor");
                    });
        }
    }
}
