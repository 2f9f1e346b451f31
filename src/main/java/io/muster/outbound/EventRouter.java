package io.muster.outbound;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;
import software.amazon.event.ruler.Machine;

/**
 * Decides which targets an event goes to: the enabled rules' event patterns, compiled into one event-ruler
 * {@link Machine}, matched against the event's envelope. Each match becomes a delivery row written in the
 * transaction that writes the event. Rules and target states are re-read every two seconds (and at once
 * after a change here), so every replica routes by the same rules.
 */
@ApplicationScoped
public class EventRouter {

    private static final Logger LOG = Logger.getLogger(EventRouter.class);
    private static final String INSERT_DELIVERY = "INSERT INTO delivery (event_id, target_id, rule_id, status, attempts, "
            + "next_attempt_at, created_at) VALUES (?, ?, ?, 'PENDING', 0, ?, ?)";

    /** The compiled rules: the machine, and each rule's enabled targets. */
    private record Routes(Machine machine, Map<String, List<String>> targetsByRule, String fingerprint) {
    }

    @Inject
    OutboundRules rules;

    @Inject
    OutboundTargets targets;

    private volatile Routes routes = new Routes(null, Map.of(), "");
    private ScheduledExecutorService refresher;

    void onStart(@Observes StartupEvent event) {
        refresh();
        refresher = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "muster-outbound-rules");
            thread.setDaemon(true);
            return thread;
        });
        refresher.scheduleWithFixedDelay(() -> {
            try {
                refresh();
            } catch (RuntimeException e) {
                LOG.warn("Reading outbound rules failed; routing by the rules read before", e);
            }
        }, 2, 2, TimeUnit.SECONDS);
    }

    void onStop(@Observes ShutdownEvent event) {
        if (refresher != null) {
            refresher.shutdownNow();
        }
    }

    /** Re-reads the rules and targets; rebuilds the machine when they changed. */
    public void refresh() {
        List<OutboundRule> enabled = rules.list().stream().filter(OutboundRule::enabled).toList();
        Set<String> live = new LinkedHashSet<>();
        targets.list().stream().filter(t -> t.status() == OutboundTarget.Status.ENABLED).forEach(t -> live.add(t.id()));
        StringBuilder fingerprint = new StringBuilder();
        Map<String, List<String>> targetsByRule = new HashMap<>();
        for (OutboundRule rule : enabled) {
            List<String> to = rule.targetIds().stream().filter(live::contains).toList();
            if (!to.isEmpty()) {
                targetsByRule.put(rule.id(), to);
                fingerprint.append(rule.id()).append(rule.updatedAt()).append(to).append('\n');
            }
        }
        if (fingerprint.toString().equals(routes.fingerprint())) {
            return;
        }
        Machine machine = new Machine();
        for (OutboundRule rule : enabled) {
            if (targetsByRule.containsKey(rule.id())) {
                try {
                    machine.addRule(rule.id(), rule.eventPattern().toString());
                } catch (Exception e) {
                    LOG.errorf("Outbound rule %s has a pattern event-ruler refuses, so it routes nothing: %s", rule.id(), e.getMessage());
                    targetsByRule.remove(rule.id());
                }
            }
        }
        routes = new Routes(targetsByRule.isEmpty() ? null : machine, targetsByRule, fingerprint.toString());
    }

    /** Writes a delivery for every target a rule sends these events to. */
    void route(Connection connection, List<OutboundEvent> events) throws SQLException {
        Routes current = routes;
        if (current.machine() == null) {
            return;
        }
        List<String[]> deliveries = new ArrayList<>();
        for (OutboundEvent event : events) {
            List<String> matched;
            try {
                matched = current.machine().rulesForJSONEvent(event.envelope());
            } catch (Exception e) {
                LOG.errorf("Event %s could not be matched against the outbound rules: %s", event.id(), e.getMessage());
                continue;
            }
            Set<String> sentTo = new LinkedHashSet<>();
            for (String ruleId : matched) {
                for (String targetId : current.targetsByRule().getOrDefault(ruleId, List.of())) {
                    if (sentTo.add(targetId)) {
                        deliveries.add(new String[] {event.id(), targetId, ruleId});
                    }
                }
            }
        }
        insert(connection, deliveries);
    }

    /** Writes deliveries (event id, target id, rule id or null), due now. */
    static void insert(Connection connection, List<String[]> deliveries) throws SQLException {
        if (deliveries.isEmpty()) {
            return;
        }
        var now = Instant.now().atOffset(ZoneOffset.UTC);
        try (PreparedStatement insert = connection.prepareStatement(INSERT_DELIVERY)) {
            for (String[] delivery : deliveries) {
                insert.setString(1, delivery[0]);
                insert.setString(2, delivery[1]);
                insert.setString(3, delivery[2]);
                insert.setObject(4, now);
                insert.setObject(5, now);
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }
}
