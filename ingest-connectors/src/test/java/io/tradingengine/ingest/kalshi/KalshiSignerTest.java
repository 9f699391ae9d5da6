package io.tradingengine.ingest.kalshi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KalshiSignerTest {

    static KeyPair keys;

    @TempDir
    Path dir;

    @BeforeAll
    static void generate() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        keys = generator.generateKeyPair();
    }

    @Test
    void shouldSignTimestampMethodAndPathWithoutTheQueryUsingRsaPss() throws Exception {
        KalshiSigner signer = KalshiSigner.load("key-id", pem(dir, keys, false));

        Map<String, String> headers = signer.headers("GET", "/trade-api/v2/markets?tickers=A,B", 1703123456789L);

        assertThat(headers).containsEntry(KalshiSigner.KEY_HEADER, "key-id")
                .containsEntry(KalshiSigner.TIMESTAMP_HEADER, "1703123456789");
        assertThat(verify(keys.getPublic(), "1703123456789GET/trade-api/v2/markets",
                headers.get(KalshiSigner.SIGNATURE_HEADER))).isTrue();
        assertThat(verify(keys.getPublic(), "1703123456789GET/trade-api/v2/markets?tickers=A,B",
                headers.get(KalshiSigner.SIGNATURE_HEADER))).isFalse();
    }

    @Test
    void shouldReadAPkcs1KeyAsKalshiHandsItOut() throws Exception {
        KalshiSigner signer = KalshiSigner.load("key-id", pem(dir, keys, true));

        Map<String, String> headers = signer.headers("GET", "/trade-api/ws/v2", 1L);

        assertThat(verify(keys.getPublic(), "1GET/trade-api/ws/v2", headers.get(KalshiSigner.SIGNATURE_HEADER)))
                .isTrue();
    }

    @Test
    void shouldRejectAFileThatIsNoKeyNamingTheVariable() throws Exception {
        Path file = dir.resolve("not-a-key.pem");
        Files.writeString(file, "hello");

        assertThatThrownBy(() -> KalshiSigner.load("key-id", file)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("KALSHI_PRIVATE_KEY_PATH");
    }

    /** Writes the private key as PEM, PKCS#8 or (unwrapped from PKCS#8) PKCS#1. */
    static Path pem(Path dir, KeyPair pair, boolean pkcs1) throws Exception {
        byte[] der = pair.getPrivate().getEncoded();
        String type = "PRIVATE KEY";
        if (pkcs1) {
            der = pkcs1Of(der);
            type = "RSA PRIVATE KEY";
        }
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        Path file = dir.resolve(pkcs1 ? "kalshi-pkcs1.pem" : "kalshi-pkcs8.pem");
        Files.writeString(file, "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n");
        return file;
    }

    static boolean verify(PublicKey key, String message, String signature) throws GeneralSecurityException {
        Signature verifier = Signature.getInstance("RSASSA-PSS");
        verifier.setParameter(KalshiSigner.PSS);
        verifier.initVerify(key);
        verifier.update(message.getBytes(StandardCharsets.UTF_8));
        return verifier.verify(Base64.getDecoder().decode(signature));
    }

    /** The OCTET STRING at the end of a PKCS#8 PrivateKeyInfo is the PKCS#1 RSAPrivateKey. */
    private static byte[] pkcs1Of(byte[] pkcs8) {
        int i = 0;
        i = skipHeader(pkcs8, i); // outer SEQUENCE
        i = skipElement(pkcs8, i); // version
        i = skipElement(pkcs8, i); // algorithm
        int start = skipHeader(pkcs8, i); // OCTET STRING header
        return Arrays.copyOfRange(pkcs8, start, start + length(pkcs8, i));
    }

    private static int skipHeader(byte[] der, int at) {
        int lengthByte = der[at + 1] & 0xff;
        return at + 2 + (lengthByte < 0x80 ? 0 : lengthByte & 0x7f);
    }

    private static int skipElement(byte[] der, int at) {
        return skipHeader(der, at) + length(der, at);
    }

    private static int length(byte[] der, int at) {
        int lengthByte = der[at + 1] & 0xff;
        if (lengthByte < 0x80) {
            return lengthByte;
        }
        int length = 0;
        for (int k = 0; k < (lengthByte & 0x7f); k++) {
            length = (length << 8) | (der[at + 2 + k] & 0xff);
        }
        return length;
    }
}
