package io.muster.db;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Activates the datasource and Flyway instance that {@code muster.db.url} points at and deactivates the
 * other, so one packaged application runs on H2 or PostgreSQL by configuration alone. Registered in
 * {@code META-INF/services/io.smallrye.config.ConfigSourceFactory}.
 */
public class DatabaseActivation implements ConfigSourceFactory {

    /** Above application.properties (250), below environment variables (300) and system properties (400). */
    static final int ORDINAL = 275;

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        ConfigValue url = context.getValue("muster.db.url");
        if (url == null || url.getValue() == null) {
            return List.of();
        }
        DatabaseKind selected = DatabaseKind.ofUrl(url.getValue());
        Map<String, String> properties = new HashMap<>();
        for (DatabaseKind kind : DatabaseKind.values()) {
            String active = Boolean.toString(kind == selected);
            properties.put("quarkus.datasource." + kind.datasource() + ".active", active);
            properties.put("quarkus.flyway." + kind.datasource() + ".active", active);
        }
        return List.of(new PropertiesConfigSource(properties, "muster-database-activation", ORDINAL));
    }
}
