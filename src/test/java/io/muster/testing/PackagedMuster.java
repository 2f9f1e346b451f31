package io.muster.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

/**
 * The packaged application ({@code target/quarkus-app/quarkus-run.jar}) as a process of its own, for the tests
 * that kill or restart it (failsafe, after {@code package}): started on a port with a bootstrap access key and
 * the given settings, waited for until ready, called with SigV4-signed requests, and killed with SIGKILL.
 */
public final class PackagedMuster {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private final Process process;
    private final URI base;
    private final String keyId;
    private final String secret;

    private PackagedMuster(Process process, int port, String keyId, String secret) {
        this.process = process;
        this.base = URI.create("http://127.0.0.1:" + port);
        this.keyId = keyId;
        this.secret = secret;
    }

    /** A free local port. */
    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Starts the jar on {@code port} with an administrator key and {@code settings} as environment, its output in {@code log}. */
    public static PackagedMuster start(int port, String keyId, String secret, Map<String, String> settings, Path log) throws IOException {
        ProcessBuilder builder = new ProcessBuilder("java", "-Xmx512m", "-jar", "target/quarkus-app/quarkus-run.jar");
        Map<String, String> env = builder.environment();
        env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        env.put("MUSTER_BOOTSTRAP_ACCESS_KEY_ID", keyId);
        env.put("MUSTER_BOOTSTRAP_SECRET_ACCESS_KEY", secret);
        env.put("MUSTER_AUTH_RATE_LIMIT", "0");
        env.put("QUARKUS_LOG_LEVEL", "WARN");
        env.putAll(settings);
        builder.redirectErrorStream(true).redirectOutput(log.toFile());
        return new PackagedMuster(builder.start(), port, keyId, secret);
    }

    public URI base() {
        return base;
    }

    /** Waits up to a minute for {@code /q/health/ready}. */
    public PackagedMuster awaitReady() throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(deadline) && process.isAlive()) {
            try {
                if (HTTP.send(HttpRequest.newBuilder(base.resolve("/q/health/ready")).build(), HttpResponse.BodyHandlers.discarding())
                        .statusCode() == 200) {
                    return this;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("Muster did not become ready (see its log)");
    }

    /** A SigV4-signed call with the bootstrap key; the answer whatever its status. */
    public HttpResponse<String> call(String method, String path, String body) throws IOException, InterruptedException {
        URI uri = base.resolve(path);
        byte[] bytes = method.equals("GET") ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                .method(method, method.equals("GET") ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(bytes));
        SigV4Signing.sign(method, uri, Map.of("Content-Type", "application/json"), bytes, keyId, secret, Instant.now()).headers()
                .forEach((name, values) -> {
                    if (!name.equalsIgnoreCase("Host") && !name.equalsIgnoreCase("Content-Type")) {
                        values.forEach(value -> request.header(name, value));
                    }
                });
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** SIGKILL: no shutdown hook, nothing written after the last answer. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    /** An orderly stop. */
    public void stop() throws InterruptedException {
        process.destroy();
        process.waitFor();
    }

    public boolean isAlive() {
        return process.isAlive();
    }
}
