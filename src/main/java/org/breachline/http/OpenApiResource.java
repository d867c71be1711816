package org.breachline.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Serves the API's OpenAPI 3 description, kept in {@code openapi.yaml} beside the code it describes. */
@Path("/api")
@PermitAll
public class OpenApiResource {
    private final String yaml;
    private final JsonNode document;

    public OpenApiResource(ObjectMapper json) {
        try (InputStream in = OpenApiResource.class.getResourceAsStream("/openapi.yaml")) {
            if (in == null) {
                throw new IllegalStateException("openapi.yaml is missing from the classpath");
            }
            this.yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            this.document = new ObjectMapper(new YAMLFactory()).readTree(yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @GET
    @Path("/openapi.json")
    @Produces(MediaType.APPLICATION_JSON)
    public JsonNode json() {
        return document;
    }

    @GET
    @Path("/openapi.yaml")
    @Produces("application/yaml")
    public String yaml() {
        return yaml;
    }
}
