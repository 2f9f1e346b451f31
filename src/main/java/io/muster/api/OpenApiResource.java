package io.muster.api;

import io.muster.auth.Permission;
import io.muster.auth.Requires;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The hand-owned OpenAPI description of Muster's API (openapi/openapi.yaml), for authenticated callers. */
@Path("/q/openapi")
public class OpenApiResource {

    private static final String DOCUMENT = load();

    @GET
    @Produces("application/yaml")
    @Requires(value = Permission.DESCRIBE_API, operation = "GetApiDescription")
    public String document() {
        return DOCUMENT;
    }

    private static String load() {
        try (InputStream in = OpenApiResource.class.getResourceAsStream("/META-INF/openapi.yaml")) {
            if (in == null) {
                throw new IllegalStateException("META-INF/openapi.yaml is missing from the build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
