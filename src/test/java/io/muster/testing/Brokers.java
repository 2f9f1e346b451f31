package io.muster.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * Whether the brokers the streaming tests use answer on this machine: Kafka on 127.0.0.1:9092 (started by
 * {@code .ci/kafka/start}) and RabbitMQ on 127.0.0.1:5672. Tests that need one are skipped when it is down —
 * except when {@code -Dtest.brokers.required=true} (as in {@code .ci/run}), where they run and fail.
 */
public final class Brokers {

    private Brokers() {
    }

    public static boolean kafka() {
        return required() || answers(9092);
    }

    public static boolean rabbitMq() {
        return required() || answers(5672);
    }

    private static boolean required() {
        return Boolean.getBoolean("test.brokers.required");
    }

    private static boolean answers(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
