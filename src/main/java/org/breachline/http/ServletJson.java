package org.breachline.http;

import com.fasterxml.jackson.databind.ObjectWriter;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/** Writes a JSON answer from a servlet filter, where no JAX-RS response is at hand (hook intake, header checks). */
public final class ServletJson {
    private ServletJson() {
    }

    public static void write(HttpServletResponse response, int status, ObjectWriter writer, Object body)
            throws IOException {
        byte[] bytes = writer.writeValueAsBytes(body);
        response.setStatus(status);
        response.setContentType("application/json");
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }
}
