package io.tradingengine.ingest.kalshi;

import io.tradingengine.ingest.IngestSettings;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.PSSParameterSpec;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Kalshi's request signature: {@code KALSHI-ACCESS-KEY}, {@code KALSHI-ACCESS-TIMESTAMP} (Unix milliseconds) and
 * {@code KALSHI-ACCESS-SIGNATURE} = base64 of RSA-PSS (SHA-256, MGF1 SHA-256, salt 32) over
 * {@code timestamp + METHOD + path}, the path without its query string. The WebSocket handshake signs
 * {@code GET} and the WebSocket path. Keys are PEM, PKCS#8 ({@code BEGIN PRIVATE KEY}) or PKCS#1
 * ({@code BEGIN RSA PRIVATE KEY}, as Kalshi hands them out).
 */
public final class KalshiSigner {

    public static final String KEY_HEADER = "KALSHI-ACCESS-KEY";
    public static final String TIMESTAMP_HEADER = "KALSHI-ACCESS-TIMESTAMP";
    public static final String SIGNATURE_HEADER = "KALSHI-ACCESS-SIGNATURE";

    /** The PSS parameters Kalshi verifies with. */
    public static final PSSParameterSpec PSS = new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32,
            1);

    private static final byte[] RSA_ALGORITHM_ID = {
        0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00
    };

    private final String keyId;
    private final PrivateKey key;

    public KalshiSigner(String keyId, PrivateKey key) {
        this.keyId = Objects.requireNonNull(keyId, "keyId");
        this.key = Objects.requireNonNull(key, "key");
    }

    /**
     * Reads the key file.
     *
     * @throws IllegalArgumentException naming {@code KALSHI_PRIVATE_KEY_PATH} when the file is not an RSA PEM key
     */
    public static KalshiSigner load(String keyId, Path pemFile) {
        try {
            return new KalshiSigner(keyId, parsePem(Files.readString(pemFile, StandardCharsets.US_ASCII)));
        } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException(IngestSettings.KALSHI_PRIVATE_KEY_PATH + " is malformed: " + pemFile
                    + " is not a readable PEM RSA private key (" + e.getMessage() + ")", e);
        }
    }

    /** The three headers for a request of {@code method} on {@code path} at {@code timestampMillis}. */
    public Map<String, String> headers(String method, String path, long timestampMillis) {
        String timestamp = Long.toString(timestampMillis);
        int query = path.indexOf('?');
        String message = timestamp + method + (query < 0 ? path : path.substring(0, query));
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(KEY_HEADER, keyId);
        headers.put(TIMESTAMP_HEADER, timestamp);
        headers.put(SIGNATURE_HEADER, sign(message));
        return headers;
    }

    private String sign(String message) {
        try {
            Signature signature = Signature.getInstance("RSASSA-PSS");
            signature.setParameter(PSS);
            signature.initSign(key);
            signature.update(message.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA-PSS signing failed", e);
        }
    }

    /** A private key from PEM text, PKCS#8 or PKCS#1. */
    static PrivateKey parsePem(String pem) throws GeneralSecurityException {
        boolean pkcs1 = pem.contains("BEGIN RSA PRIVATE KEY");
        if (!pkcs1 && !pem.contains("BEGIN PRIVATE KEY")) {
            throw new IllegalArgumentException("no BEGIN PRIVATE KEY or BEGIN RSA PRIVATE KEY block");
        }
        String body = pem.replaceAll("-----(BEGIN|END)[^-]*-----", "").replaceAll("\\s", "");
        byte[] der = Base64.getDecoder().decode(body);
        byte[] pkcs8 = pkcs1 ? wrapPkcs1(der) : der;
        return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
    }

    /** PrivateKeyInfo ::= SEQUENCE { version 0, rsaEncryption AlgorithmIdentifier, OCTET STRING pkcs1 }. */
    private static byte[] wrapPkcs1(byte[] pkcs1) {
        ByteArrayOutputStream inner = new ByteArrayOutputStream();
        inner.writeBytes(new byte[] {0x02, 0x01, 0x00});
        inner.writeBytes(RSA_ALGORITHM_ID);
        inner.write(0x04);
        writeLength(inner, pkcs1.length);
        inner.writeBytes(pkcs1);
        ByteArrayOutputStream outer = new ByteArrayOutputStream();
        outer.write(0x30);
        writeLength(outer, inner.size());
        outer.writeBytes(inner.toByteArray());
        return outer.toByteArray();
    }

    private static void writeLength(ByteArrayOutputStream out, int length) {
        if (length < 0x80) {
            out.write(length);
            return;
        }
        int bytes = length > 0xffffff ? 4 : length > 0xffff ? 3 : length > 0xff ? 2 : 1;
        out.write(0x80 | bytes);
        for (int i = bytes - 1; i >= 0; i--) {
            out.write((length >>> (8 * i)) & 0xff);
        }
    }
}
