package io.muster.ingest;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

/**
 * On RabbitMQ, dead letters are published to an exchange, which drops what no queue is bound to. So that a
 * refused message is never lost, Muster declares a durable queue ({@code muster.ingest.dead-letter-queue},
 * default {@code muster-findings-dead-letter}) bound to the dead-letter exchange at start, whenever the
 * dead-letter channel uses the RabbitMQ connector. Kafka keeps dead letters in their topic by itself.
 */
@ApplicationScoped
public class RabbitMqDeadLetterQueue {

    private static final Logger LOG = Logger.getLogger(RabbitMqDeadLetterQueue.class);
    private static final String CHANNEL = "mp.messaging.outgoing." + FindingStream.DEAD_LETTER_CHANNEL + ".";

    void declare(@Observes StartupEvent start, Config config) {
        if (!"smallrye-rabbitmq".equals(config.getOptionalValue(CHANNEL + "connector", String.class).orElse(""))) {
            return;
        }
        String queue = config.getOptionalValue("muster.ingest.dead-letter-queue", String.class).orElse(FindingStream.DEAD_LETTER_CHANNEL);
        if (queue.isBlank()) {
            return;
        }
        String exchange = config.getOptionalValue(CHANNEL + "exchange.name", String.class).orElse(FindingStream.DEAD_LETTER_CHANNEL);
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(config.getOptionalValue("rabbitmq-host", String.class).orElse("localhost"));
        factory.setPort(config.getOptionalValue("rabbitmq-port", Integer.class).orElse(5672));
        factory.setUsername(config.getOptionalValue("rabbitmq-username", String.class).orElse("guest"));
        factory.setPassword(config.getOptionalValue("rabbitmq-password", String.class).orElse("guest"));
        factory.setVirtualHost(config.getOptionalValue("rabbitmq-virtual-host", String.class).orElse("/"));
        try (Connection connection = factory.newConnection("muster-dead-letter-setup"); Channel channel = connection.createChannel()) {
            channel.exchangeDeclare(exchange, "topic", true);
            channel.queueDeclare(queue, true, false, false, null);
            channel.queueBind(queue, exchange, "#");
            LOG.infof("Dead letters of the findings stream are kept in the RabbitMQ queue %s (bound to exchange %s)", queue, exchange);
        } catch (Exception e) {
            LOG.errorf("The RabbitMQ dead-letter queue %s could not be declared (%s): refused stream messages may be dropped by the broker",
                    queue, e.getMessage());
        }
    }
}
