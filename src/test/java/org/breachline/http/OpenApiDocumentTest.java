package org.breachline.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import org.breachline.auth.Role;
import org.breachline.testing.Api;
import org.breachline.testing.TestApp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/** The served OpenAPI document lists every endpoint the application registers, so the two cannot drift apart. */
class OpenApiDocumentTest {
    static final TestApp APP = TestApp.onH2();
    @RegisterExtension
    static final DropwizardAppExtension<?> EXTENSION = APP.extension();

    @Test
    void describesEveryRegisteredEndpoint() {
        Api.Reply doc = APP.as(Role.AUDITOR).get("/api/openapi.json");
        assertThat(doc.status()).isEqualTo(200);
        JsonNode paths = doc.body().path("paths");
        List<String> missing = new ArrayList<>();
        List<String> checked = new ArrayList<>();
        var classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.breachline");
        for (JavaClass javaClass : classes) {
            if (!javaClass.isAnnotatedWith(Path.class)) {
                continue;
            }
            Class<?> resource = javaClass.reflect();
            Path root = resource.getAnnotation(Path.class);
            for (Method m : resource.getMethods()) {
                String verb = verb(m);
                if (verb == null) {
                    continue;
                }
                Path sub = m.getAnnotation(Path.class);
                String path = (root.value() + (sub == null ? "" : "/" + sub.value())).replaceAll("/+", "/")
                        .replaceAll("/$", "");
                checked.add(verb + " " + path);
                if (!paths.path(path).has(verb.toLowerCase(Locale.ROOT))) {
                    missing.add(verb + " " + path);
                }
            }
        }
        assertThat(checked).contains("POST /api/incidents", "PATCH /api/incidents/{ref}", "GET /api/audit/verify");
        assertThat(missing).as("endpoints missing from openapi.yaml").isEmpty();
    }

    @Test
    void servesTheSameDocumentAsYaml() {
        Api.Reply yaml = APP.as(Role.AUDITOR).get("/api/openapi.yaml");
        assertThat(yaml.status()).isEqualTo(200);
        assertThat(yaml.text()).startsWith("openapi: 3.0.3");
    }

    private static String verb(Method m) {
        for (var a : m.getAnnotations()) {
            HttpMethod hm = a.annotationType().getAnnotation(HttpMethod.class);
            if (hm != null) {
                return hm.value();
            }
        }
        return null;
    }
}
