package io.tradingengine.ingest.support;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A minimal RFC 6455 WebSocket server on loopback for tests: the opening handshake (or a refusal with any HTTP
 * status), unmasked server frames (text, ping, close), masked client frames (text with continuations, ping answered
 * by pong, pong, close), and an abrupt drop. Each accepted connection is handed to the test through
 * {@link #awaitConnection}.
 */
public final class FakeWebSocketServer implements AutoCloseable {

    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    private final ServerSocket socket;
    private final Thread acceptor;
    private final BlockingQueue<Connection> accepted = new LinkedBlockingQueue<>();
    private final List<Connection> connections = new CopyOnWriteArrayList<>();
    private final List<Map<String, String>> handshakes = new CopyOnWriteArrayList<>();
    private volatile Function<Map<String, String>, Integer> handshakeCheck = headers -> 101;
    private volatile boolean closed;

    private FakeWebSocketServer(ServerSocket socket) {
        this.socket = socket;
        this.acceptor = new Thread(this::acceptLoop, "fake-ws-accept");
        this.acceptor.setDaemon(true);
    }

    public static FakeWebSocketServer start() {
        try {
            FakeWebSocketServer server = new FakeWebSocketServer(new ServerSocket(0, 50,
                    InetAddress.getLoopbackAddress()));
            server.acceptor.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code ws://127.0.0.1:port/path}. */
    public URI uri(String path) {
        return URI.create("ws://127.0.0.1:" + socket.getLocalPort() + path);
    }

    /**
     * Decides each handshake from its request headers (lower-case names, plus {@code :path}): 101 accepts, any
     * other status refuses with that status.
     */
    public void handshake(Function<Map<String, String>, Integer> check) {
        this.handshakeCheck = check;
    }

    /** Request headers of every handshake so far, accepted or not. */
    public List<Map<String, String>> handshakes() {
        return List.copyOf(handshakes);
    }

    /** The next accepted connection, waiting at most {@code timeout}. */
    public Connection awaitConnection(Duration timeout) {
        try {
            Connection connection = accepted.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
            if (connection == null) {
                throw new AssertionError("No WebSocket connection within " + timeout.toMillis() + " ms");
            }
            return connection;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Connections accepted so far. */
    public int connectionCount() {
        return connections.size();
    }

    @Override
    public void close() {
        closed = true;
        try {
            socket.close();
        } catch (IOException e) {
            // closing anyway
        }
        connections.forEach(Connection::drop);
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket client = socket.accept();
                client.setTcpNoDelay(true);
                Thread handshaker = new Thread(() -> handshake(client), "fake-ws-conn");
                handshaker.setDaemon(true);
                handshaker.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void handshake(Socket client) {
        try {
            InputStream in = new BufferedInputStream(client.getInputStream());
            OutputStream out = new BufferedOutputStream(client.getOutputStream(), 1 << 16);
            Map<String, String> headers = readRequest(in);
            handshakes.add(headers);
            int status = handshakeCheck.apply(headers);
            if (status != 101) {
                out.write(("HTTP/1.1 " + status + " Refused\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
                        .getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                client.close();
                return;
            }
            String accept = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-1")
                    .digest((headers.get("sec-websocket-key") + GUID).getBytes(StandardCharsets.ISO_8859_1)));
            out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Accept: " + accept + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            Connection connection = new Connection(client, in, out, headers);
            connections.add(connection);
            accepted.add(connection);
            connection.readLoop();
        } catch (IOException | NoSuchAlgorithmException e) {
            try {
                client.close();
            } catch (IOException ignored) {
                // already broken
            }
        }
    }

    private static Map<String, String> readRequest(InputStream in) throws IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        String requestLine = readLine(in);
        String[] parts = requestLine.split(" ");
        headers.put(":path", parts.length > 1 ? parts[1] : "");
        for (String line = readLine(in); !line.isEmpty(); line = readLine(in)) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1)
                        .trim());
            }
        }
        return headers;
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int previous = -1;
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("connection closed during the handshake");
            }
            if (previous == '\r' && b == '\n') {
                byte[] bytes = line.toByteArray();
                return new String(bytes, 0, bytes.length - 1, StandardCharsets.ISO_8859_1);
            }
            line.write(b);
            previous = b;
        }
    }

    /** An unmasked server frame. */
    public static byte[] frame(int opcode, byte[] payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(payload.length + 10);
        out.write(0x80 | opcode);
        if (payload.length < 126) {
            out.write(payload.length);
        } else if (payload.length < 65536) {
            out.write(126);
            out.write(payload.length >>> 8);
            out.write(payload.length & 0xff);
        } else {
            out.write(127);
            for (int i = 7; i >= 0; i--) {
                out.write((int) (((long) payload.length >>> (8 * i)) & 0xff));
            }
        }
        out.writeBytes(payload);
        return out.toByteArray();
    }

    /** An unmasked text frame. */
    public static byte[] textFrame(String text) {
        return frame(0x1, text.getBytes(StandardCharsets.UTF_8));
    }

    /** One accepted connection. */
    public static final class Connection {

        private final Socket client;
        private final InputStream in;
        private final OutputStream out;
        private final Map<String, String> headers;
        private final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
        private final AtomicInteger pongs = new AtomicInteger();
        private final AtomicInteger pings = new AtomicInteger();
        private final CountDownLatch gone = new CountDownLatch(1);

        Connection(Socket client, InputStream in, OutputStream out, Map<String, String> headers) {
            this.client = client;
            this.in = in;
            this.out = out;
            this.headers = headers;
        }

        /** The handshake's request headers (lower-case names). */
        public Map<String, String> headers() {
            return headers;
        }

        public void send(String text) {
            write(textFrame(text));
        }

        /** Writes pre-built frames in one go (for the throughput measurement). */
        public void write(byte[] frames) {
            synchronized (out) {
                try {
                    out.write(frames);
                    out.flush();
                } catch (IOException e) {
                    drop();
                }
            }
        }

        /** Writes without flushing; {@link #flush()} sends. */
        public void writeBuffered(byte[] frames) throws IOException {
            synchronized (out) {
                out.write(frames);
            }
        }

        public void flush() {
            synchronized (out) {
                try {
                    out.flush();
                } catch (IOException e) {
                    drop();
                }
            }
        }

        public void ping(String body) {
            write(frame(0x9, body.getBytes(StandardCharsets.UTF_8)));
        }

        /** A clean close frame. */
        public void close(int code) {
            write(frame(0x8, new byte[] {(byte) (code >>> 8), (byte) code}));
        }

        /** Closes the TCP connection without a close frame, as a crashed server or a cut network would. */
        public void drop() {
            try {
                client.close();
            } catch (IOException e) {
                // already closed
            }
            gone.countDown();
        }

        /** The next text message from the client. */
        public String awaitMessage(Duration timeout) {
            try {
                String message = messages.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
                if (message == null) {
                    throw new AssertionError("No client message within " + timeout.toMillis() + " ms");
                }
                return message;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }

        /** The next client text message that contains {@code fragment}, skipping others. */
        public String awaitMessageContaining(String fragment, Duration timeout) {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (true) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("No client message containing " + fragment);
                }
                String message = awaitMessage(Duration.ofNanos(left));
                if (message.contains(fragment)) {
                    return message;
                }
            }
        }

        /** Text messages received and not yet taken. */
        public List<String> pending() {
            return List.copyOf(messages);
        }

        /** Pongs the client sent (answers to {@link #ping(String)}). */
        public int pongs() {
            return pongs.get();
        }

        /** Pings the client sent (answered by the server with pongs). */
        public int pings() {
            return pings.get();
        }

        public boolean awaitGone(Duration timeout) {
            try {
                return gone.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }

        public boolean isGone() {
            return gone.getCount() == 0;
        }

        void readLoop() {
            DataInputStream data = new DataInputStream(in);
            ByteArrayOutputStream fragments = new ByteArrayOutputStream();
            try {
                while (true) {
                    int first = data.readUnsignedByte();
                    int second = data.readUnsignedByte();
                    boolean fin = (first & 0x80) != 0;
                    int opcode = first & 0x0f;
                    long length = second & 0x7f;
                    if (length == 126) {
                        length = data.readUnsignedShort();
                    } else if (length == 127) {
                        length = data.readLong();
                    }
                    byte[] mask = new byte[4];
                    if ((second & 0x80) != 0) {
                        data.readFully(mask);
                    }
                    byte[] payload = new byte[(int) length];
                    data.readFully(payload);
                    for (int i = 0; i < payload.length; i++) {
                        payload[i] ^= mask[i % 4];
                    }
                    switch (opcode) {
                        case 0x0:
                        case 0x1:
                            fragments.writeBytes(payload);
                            if (fin) {
                                messages.add(fragments.toString(StandardCharsets.UTF_8));
                                fragments.reset();
                            }
                            break;
                        case 0x8:
                            write(frame(0x8, payload));
                            drop();
                            return;
                        case 0x9:
                            pings.incrementAndGet();
                            write(frame(0xA, payload));
                            break;
                        case 0xA:
                            pongs.incrementAndGet();
                            break;
                        default:
                            break;
                    }
                }
            } catch (EOFException | SocketException e) {
                drop();
            } catch (IOException e) {
                drop();
            }
        }
    }
}
